using System.CommandLine;
using ClipAudit.Errors;
using ClipAudit.Imaging;
using ClipAudit.Models;

namespace ClipAudit.Cli.Commands;

/// <summary><c>clipaudit preprocess</c>: one image → the model's input tensor as .npy, for checking parity by hand.</summary>
internal static class PreprocessCommand
{
    private const string ConfigFileName = "preprocessor_config.json";

    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = $"Model folder holding {ConfigFileName} (or visual/preprocess_cfg.json, immich layout).", Required = true };
        var mode = CliOptions.Mode();
        var output = new Option<string>("--output", "-o") { Description = "Where to write the float32 tensor [1,3,H,W] (.npy).", Required = true };
        var image = new Argument<string>("image") { Description = "Image file (PNG, JPEG, GIF, ...)." };

        var command = new Command("preprocess", "Preprocess one image exactly as the reference CLIP pipeline and save the tensor as .npy.");
        command.Options.Add(model);
        command.Options.Add(mode);
        command.Options.Add(output);
        command.Arguments.Add(image);
        command.SetAction(parse => context.Execute(parse, () =>
        {
            var folder = parse.GetValue(model)!;
            var preprocessMode = CliOptions.ParseMode(parse.GetValue(mode));
            var config = ReadConfig(folder, preprocessMode);
            var tensor = ClipPreprocessor.Create(config).Preprocess(parse.GetValue(image)!);
            var outputPath = parse.GetValue(output)!;
            NpyFile.Write(outputPath, tensor, [1, 3, config.CropHeight, config.CropWidth]);
            context.Out.WriteLine($"wrote {outputPath}: float32 [1, 3, {config.CropHeight}, {config.CropWidth}] ({PreprocessModeNames.Name(config.Mode)} order)");
            context.Out.WriteLine($"preprocessing: {config}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// The model's own preprocessing: a folder with model files is opened as a model (family detection, immich's
    /// visual/preprocess_cfg.json, manifest overrides) exactly as in an audit; a folder holding only a
    /// preprocessor_config.json is read as that file.
    /// </summary>
    private static PreprocessConfig ReadConfig(string folder, PreprocessMode? mode)
    {
        if (File.Exists(Path.Combine(folder, ModelManifest.FileName)) || File.Exists(Path.Combine(folder, "visual", "model.onnx"))
            || File.Exists(Path.Combine(folder, "onnx", "vision_model.onnx")))
        {
            using var clip = ClipModel.Load(folder, new ClipModelOptions { PreprocessMode = mode, IntraOpNumThreads = 1 });
            return clip.Preprocess;
        }

        var configPath = Path.Combine(folder, ConfigFileName);
        var openClipPath = Path.Combine(folder, "visual", "preprocess_cfg.json");
        if (!File.Exists(configPath) && File.Exists(openClipPath))
        {
            // immich's layout of an open_clip export: open_clip's PreprocessCfg beside the visual tower.
            return PreprocessConfigReader.FromOpenClipJson(openClipPath, mode);
        }

        if (!File.Exists(configPath))
        {
            throw new InvalidModelException($"Model folder '{folder}' has no {ConfigFileName} (nor visual/preprocess_cfg.json); it gives the image size, mean and std. Copy it from the model's export.", configPath);
        }

        return PreprocessConfigReader.FromHuggingFace(configPath, mode);
    }
}
