using System.Diagnostics;
using ClipAudit.Embeddings;
using ClipAudit.Errors;
using ClipAudit.Tests.Architecture;
using YamlDotNet.RepresentationModel;

namespace ClipAudit.Tests.Cli;

/// <summary>
/// The index-from-environment contract of the shipped deploy files: what deploy/slurm and deploy/kubernetes pass to
/// <c>clipaudit encode</c>, with the variable each scheduler sets, names exactly the shards 0..N-1 of N.
/// </summary>
public sealed class DeployContractTests
{
    private static readonly string Deploy = Path.Combine(FolderDependencyTests.RepositoryRoot(), "deploy");

    [Fact]
    public void SlurmArrayScript_EachTaskEncodesTheShardOfItsArrayIndex()
    {
        var script = Path.Combine(Deploy, "slurm", "encode-array.sbatch");
        var array = File.ReadAllLines(script).Single(l => l.StartsWith("#SBATCH --array=", StringComparison.Ordinal));
        Assert.Equal("#SBATCH --array=0-3", array);

        for (var task = 0; task < 4; task++)
        {
            // As Slurm runs it for task 'task' of --array=0-3, with 'echo' standing in for clipaudit.
            var arguments = RunScript(script, new()
            {
                ["CLIPAUDIT"] = "echo", ["CONFIG"] = "a.yaml", ["OUT"] = "/shared/shards",
                ["SLURM_ARRAY_TASK_ID"] = task.ToString(System.Globalization.CultureInfo.InvariantCulture), ["SLURM_ARRAY_TASK_COUNT"] = "4",
            });
            Assert.Equal(["encode", "a.yaml", "--shards", "4", "--out", "/shared/shards"], arguments);
            var environment = new Dictionary<string, string> { [ShardSpec.SlurmVariable] = task.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            Assert.Equal(new ShardSpec(task, 4), ShardSpec.Resolve(null, int.Parse(arguments[3], System.Globalization.CultureInfo.InvariantCulture), environment.GetValueOrDefault));
        }
    }

    [Fact]
    public void KubernetesIndexedJob_CompletionsEqualShardsAndTheAuditReadsTheSameFolder()
    {
        var encode = Spec(Path.Combine(Deploy, "kubernetes", "encode-job.yaml"));
        var audit = Spec(Path.Combine(Deploy, "kubernetes", "audit-job.yaml"));
        Assert.Equal("Indexed", Scalar(encode, "completionMode"));
        var completions = int.Parse(Scalar(encode, "completions"), System.Globalization.CultureInfo.InvariantCulture);
        var command = Command(encode);
        Assert.Equal(["clipaudit", "encode"], command[..2]);
        var shards = int.Parse(After(command, "--shards"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(completions, shards);

        // Kubernetes numbers pods 0..completions-1 in JOB_COMPLETION_INDEX: each is one shard, and none is out of range.
        for (var pod = 0; pod < completions; pod++)
        {
            var environment = new Dictionary<string, string> { [ShardSpec.KubernetesVariable] = pod.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            Assert.Equal(new ShardSpec(pod, shards), ShardSpec.Resolve(null, shards, environment.GetValueOrDefault));
        }

        var beyond = new Dictionary<string, string> { [ShardSpec.KubernetesVariable] = completions.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Throws<InvalidConfigException>(() => ShardSpec.Resolve(null, shards, beyond.GetValueOrDefault));

        // Both Jobs mount the same claim at the same path, and the audit reads the folder the encode writes.
        Assert.Equal(After(command, "--out"), After(Command(audit), "--embeddings"));
        Assert.Equal(command[2], Command(audit)[2]);
        Assert.Equal(Claim(encode), Claim(audit));
        Assert.StartsWith(MountPath(encode) + "/", After(command, "--out"), StringComparison.Ordinal);
    }

    private static List<string> RunScript(string script, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return output.Trim().Split('\n')[^1].Split(' ').ToList();
    }

    private static YamlMappingNode Spec(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["spec"];
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static YamlMappingNode Pod(YamlMappingNode job) => (YamlMappingNode)((YamlMappingNode)job["template"])["spec"];

    private static YamlMappingNode Container(YamlMappingNode job) => (YamlMappingNode)((YamlSequenceNode)Pod(job)["containers"])[0];

    private static List<string> Command(YamlMappingNode job) => ((YamlSequenceNode)Container(job)["command"]).Select(n => ((YamlScalarNode)n).Value!).ToList();

    private static string MountPath(YamlMappingNode job) => Scalar((YamlMappingNode)((YamlSequenceNode)Container(job)["volumeMounts"])[0], "mountPath");

    private static string Claim(YamlMappingNode job) =>
        Scalar((YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)Pod(job)["volumes"])[0])["persistentVolumeClaim"], "claimName");

    private static string After(List<string> command, string option) => command[command.IndexOf(option) + 1];
}
