using System.CommandLine;
using System.Globalization;
using ClipAudit.Errors;
using ClipAudit.Imaging;
using ClipAudit.Models;
using ClipAudit.Scoring;

namespace ClipAudit.Cli.Commands;

/// <summary><c>clipaudit zeroshot</c>: classify images among comma-separated classes with prompt templates.</summary>
internal static class ZeroShotCommand
{
    public const string DefaultTemplate = "a photo of a {}.";

    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "Model folder (Hugging Face / transformers.js layout or with a clipaudit-model.yaml).", Required = true };
        var classes = new Option<string>("--classes") { Description = "Comma-separated class names, e.g. \"diagram,dog,cat\".", Required = true };
        var templates = new Option<string[]>("--template")
        {
            Description = $"Prompt template with {{}} for the class name; repeat to ensemble. Default: \"{DefaultTemplate}\".",
            AllowMultipleArgumentsPerToken = false,
        };
        var mode = CliOptions.Mode();
        var json = new Option<bool>("--json") { Description = "One JSON line per image: {\"image\", \"probabilities\", \"top\", \"scoring\"}." };
        var scoring = new Option<string?>("--scoring")
        {
            Description = "softmax or sigmoid over the model's exp(t)·cos (+ b for sigmoid). Default: the model's own (sigmoid for SigLIP, softmax otherwise).",
        };
        scoring.AcceptOnlyFromAmong([.. ModelFamilyNames.ScoringByName.Keys]);
        var images = new Argument<string[]>("image") { Description = "Image files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("zeroshot", "Zero-shot classify images (prompt ensembling; the model's own scores: softmax over scale × cosine, or SigLIP's sigmoid).")
        {
            model, classes, templates, mode, scoring, json, images,
        };
        command.SetAction(parse => context.Execute(parse, () =>
        {
            var classNames = ParseClasses(parse.GetValue(classes)!);
            var templateList = parse.GetValue(templates) is { Length: > 0 } given ? given : [DefaultTemplate];
            var prompts = BuildPrompts(classNames, templateList);
            using var clip = ClipModel.Load(parse.GetValue(model)!, new ClipModelOptions { PreprocessMode = CliOptions.ParseMode(parse.GetValue(mode)) });
            var function = parse.GetValue(scoring) is { } name ? ModelFamilyNames.ScoringByName[name] : (ScoreFunction?)null;
            var classifier = ZeroShotClassifier.Create(prompts, clip.EncodeTexts, ZeroShotScoring.ForModel(clip.Spec, function));
            context.Error.WriteLine($"model: {ModelFamilyNames.Name(clip.Spec.Family)}; scores: {classifier.Scoring.Formula}");
            var preprocessor = ClipPreprocessor.Create(clip.Preprocess);
            var failed = 0;
            if (!parse.GetValue(json))
            {
                context.Out.WriteLine("image\ttop\t" + string.Join('\t', classNames));
            }

            foreach (var image in parse.GetValue(images)!)
            {
                float[] pixels;
                try
                {
                    pixels = preprocessor.Preprocess(image);
                }
                catch (InvalidImageException ex)
                {
                    context.Error.WriteLine($"error: {ex.Message}");
                    failed++;
                    continue;
                }

                var probabilities = classifier.Probabilities(clip.ImageEncoder.Encode(pixels, 1));
                var top = classNames[Array.IndexOf(probabilities, probabilities.Max())];
                context.Out.WriteLine(parse.GetValue(json) ? JsonLine(image, classNames, probabilities, top, classifier.Scoring.Name) : TableLine(image, probabilities, top));
            }

            return failed == 0 ? ExitCodes.Success : ExitCodes.BadInput;
        }));
        return command;
    }

    private static IReadOnlyList<string> ParseClasses(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length < 2)
        {
            throw new CommandLineException($"--classes needs at least two comma-separated class names; got \"{text}\".");
        }

        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? names : throw new CommandLineException($"--classes names '{duplicate.Key}' twice; each class must appear once.");
    }

    private static IReadOnlyList<ClassPrompts> BuildPrompts(IReadOnlyList<string> classNames, IReadOnlyList<string> templates)
    {
        // Checked here rather than caught from the library: ArgumentException.Message ends with "(Parameter 'templates')",
        // which names a C# parameter the user never saw.
        var missing = templates.FirstOrDefault(t => !t.Contains("{}", StringComparison.Ordinal));
        if (missing is not null)
        {
            throw new CommandLineException(
                $"--template \"{missing}\" has no {{}} where the class name goes, so every class would get the same prompt. Write it like \"a photo of a {{}}.\".");
        }

        return ClassPrompts.FromTemplates(classNames, templates);
    }

    private static string JsonLine(string image, IReadOnlyList<string> classNames, double[] probabilities, string top, string scoring)
    {
        var pairs = classNames.Select((name, i) => $"{PythonJson.String(name)}: {PythonJson.Number(probabilities[i])}");
        return $"{{\"image\": {PythonJson.String(image)}, \"probabilities\": {{{string.Join(", ", pairs)}}}, \"top\": {PythonJson.String(top)}, \"scoring\": {PythonJson.String(scoring)}}}";
    }

    private static string TableLine(string image, double[] probabilities, string top) =>
        string.Join('\t', new[] { image, top }.Concat(probabilities.Select(p => p.ToString("0.0000", CultureInfo.InvariantCulture))));
}
