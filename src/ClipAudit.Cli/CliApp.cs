using System.CommandLine;
using ClipAudit.Cli.Commands;

namespace ClipAudit.Cli;

/// <summary>Builds the command tree. Each command lives in Commands/ as a static <c>Create(CliContext)</c> factory.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var context = new CliContext(stdout, stderr, args);
        var root = new RootCommand("ClipAudit: audit CLIP-style vision-language models for demographic bias.");
        root.Options.Add(CliContext.VerboseOption);
        foreach (var command in Commands(context))
        {
            root.Subcommands.Add(command);
        }

        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        // Response files are off: free text such as 'clipaudit tokenize @mention' must reach the commands as text,
        // not be read as the path of a file of arguments.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine(error.Message);
            }

            stderr.WriteLine("Run 'clipaudit --help' for usage.");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(invocation);
    }

    private static IEnumerable<Command> Commands(CliContext context)
    {
        yield return VersionCommand.Create(context);
        yield return DatasetsCommand.Create(context);
        yield return TokenizeCommand.Create(context);
        yield return PreprocessCommand.Create(context);
        yield return ZeroShotCommand.Create(context);
        yield return AuditCommand.Create(context);
        yield return EncodeCommand.Create(context);
        yield return DemoCommand.Create(context);
        yield return ReportCommand.Create(context);
        yield return ModelsCommand.Create(context);
        yield return BenchCommand.Create(context);
        yield return CompareCommand.Create(context);
        yield return PlanCommand.Create(context);
        yield return GridCommand.Create(context);
        yield return GridBenchCommand.Create(context);
    }
}
