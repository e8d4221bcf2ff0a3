using System.CommandLine;
using ClipAudit.Models;
using ClipAudit.Tokenization;

namespace ClipAudit.Cli.Commands;

internal static class TokenizeCommand
{
    public static Command Create(CliContext context)
    {
        var contextLength = new Option<int?>("--context-length")
        {
            Description = $"Context length the 'truncated' flag is computed for (at least 2). Default: the model's, else {ClipTokenizer.DefaultContextLength}.",
        };
        var model = new Option<string?>("--model")
        {
            Description = "Model folder whose own tokenizer to use (CLIP BPE, immich's tokenizer.json, SigLIP's SentencePiece). Default: openai's CLIP BPE.",
        };
        var texts = new Argument<string[]>("text")
        {
            Description = "Texts to tokenize; each gives one JSON line {\"text\", \"ids\" (SOT..EOT, not truncated or padded), \"truncated\"}.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("tokenize", "Tokenize texts with a model's own tokenizer (--model), or the CLIP BPE tokenizer (openai's vocabulary).")
        {
            model,
            contextLength,
            texts,
        };
        command.SetAction(parse => context.Execute(parse, () =>
        {
            var given = parse.GetValue(contextLength);
            if (given < 2)
            {
                context.Error.WriteLine(
                    $"error: --context-length must be at least 2 (room for the start and end tokens), got {given}.");
                return ExitCodes.BadInput;
            }

            using var clip = parse.GetValue(model) is { } folder ? ClipModel.Load(folder, new ClipModelOptions { IntraOpNumThreads = 1 }) : null;
            ITextTokenizer tokenizer = clip?.Tokenizer ?? ClipTokenizer.CreateDefault();
            var length = given ?? clip?.Spec.ContextLength ?? ClipTokenizer.DefaultContextLength;
            foreach (var text in parse.GetValue(texts) ?? [])
            {
                context.Out.WriteLine(ToJsonLine(tokenizer.Encode(text, length)));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Formats like Python's <c>json.dumps</c> (", " and ": " separators) so output diffs cleanly against openai/CLIP scripts.</summary>
    private static string ToJsonLine(TokenizedText tokens) =>
        $"{{\"text\": {PythonJson.String(tokens.Text)}, \"ids\": [{string.Join(", ", tokens.Ids)}], \"truncated\": {(tokens.Truncated ? "true" : "false")}}}";
}
