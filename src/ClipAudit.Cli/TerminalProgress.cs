using ClipAudit.Embeddings;
using Spectre.Console;

namespace ClipAudit.Cli;

/// <summary>
/// A live progress bar (images/s, ETA) when stderr is a terminal; callers fall back to plain periodic lines
/// otherwise, because Spectre's live display prints nothing when output is redirected.
/// </summary>
internal static class TerminalProgress
{
    public static bool Available(CliContext context) =>
        ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static T Run<T>(Func<IProgress<string>, IProgress<EncodingProgress>, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        var rate = new RateColumn();
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), rate, new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                var log = new Progress(message => task.Description = Markup.Escape(message));
                var encoding = new Progress<EncodingProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    rate.ImagesPerSecond = p.ImagesPerSecond;
                    task.Description = p.ImagesPerSecond > 0
                        ? $"encoding ({p.FromCache} from cache)"
                        : $"{p.FromCache} from cache, nothing to encode";
                });
                result = work(log, encoding);
                task.Value = task.MaxValue;
                task.Description = "done";
            });
        return result;
    }

    /// <summary>Synchronous IProgress: reports land before the next line of the audit runs.</summary>
    private sealed class Progress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }

    /// <summary>The encoder's own images per second (the bar's speed estimate would count cached images); blank when nothing is encoded.</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public double ImagesPerSecond { get; set; }

        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(ImagesPerSecond > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ImagesPerSecond:0.0} images/s") : "", new Style(Color.Grey));
    }
}
