using ClipAudit.Tools.Onnx;

namespace ClipAudit.Cli.Quantization;

/// <summary>
/// A MatMul or Gemm of the main graph whose weights are a constant float matrix, so it can become a
/// DynamicQuantizeMatMul. <see cref="Bias"/> is a Gemm's C or the initializer of a folded Add; <see cref="Output"/> is
/// the name the replacement produces (the Add's output when one is folded).
/// </summary>
internal sealed record QuantizableNode(
    int NodeIndex,
    OnnxNode Node,
    OnnxTensor Weight,
    int Rows,
    int Columns,
    bool TransposeWeight,
    string? Bias,
    int? FoldedAddIndex,
    string Output);

/// <summary>Finds the nodes ORT's dynamic quantisation turns into DynamicQuantizeMatMul; every other node stays float32.</summary>
internal static class QuantizableNodes
{
    public static IReadOnlyList<QuantizableNode> Find(OnnxModelFile model)
    {
        var graphInputs = model.InputNames.ToHashSet(StringComparer.Ordinal);
        var graphOutputs = model.OutputNames.ToHashSet(StringComparer.Ordinal);
        var constants = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (var tensor in model.Initializers)
        {
            // An initializer that is also a graph input is only a default the caller may override: not a constant.
            if (tensor.IsFloat && !graphInputs.Contains(tensor.Name))
            {
                constants.TryAdd(tensor.Name, tensor);
            }
        }

        var consumers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < model.Nodes.Count; i++)
        {
            foreach (var input in model.Nodes[i].Inputs)
            {
                if (!consumers.TryGetValue(input, out var list))
                {
                    consumers[input] = list = [];
                }

                list.Add(i);
            }
        }

        var found = new List<QuantizableNode>();
        for (var i = 0; i < model.Nodes.Count; i++)
        {
            var node = model.Nodes[i];
            var candidate = node.IsStandard("MatMul") ? MatMul(i, node, constants)
                : node.IsStandard("Gemm") ? Gemm(i, node, constants)
                : null;
            if (candidate is null)
            {
                continue;
            }

            found.Add(candidate.Bias is null ? FoldBias(candidate, model, constants, consumers, graphOutputs) : candidate);
        }

        return found;
    }

    private static QuantizableNode? MatMul(int index, OnnxNode node, Dictionary<string, OnnxTensor> constants)
    {
        if (node.Inputs.Count != 2 || node.Outputs.Count != 1 || Matrix(node.Inputs[1], constants) is not { } weight)
        {
            return null;
        }

        return new QuantizableNode(index, node, weight, (int)weight.Dims[0], (int)weight.Dims[1], false, null, null, node.Outputs[0]);
    }

    /// <summary>Y = A·B (+ C) only: alpha = 1, transA = 0, B constant (transB 0 or 1), C absent or a constant [N] with beta = 1.</summary>
    private static QuantizableNode? Gemm(int index, OnnxNode node, Dictionary<string, OnnxTensor> constants)
    {
        if (node.Inputs.Count is < 2 or > 3 || node.Outputs.Count != 1 || Matrix(node.Inputs[1], constants) is not { } weight)
        {
            return null;
        }

        var alpha = node.Attribute("alpha")?.Float ?? 1f;
        var beta = node.Attribute("beta")?.Float ?? 1f;
        var transA = node.Attribute("transA")?.Int ?? 0;
        var transB = node.Attribute("transB")?.Int ?? 0;
        if (alpha != 1f || transA != 0 || transB is not (0 or 1))
        {
            return null;
        }

        var (rows, columns) = transB == 1 ? ((int)weight.Dims[1], (int)weight.Dims[0]) : ((int)weight.Dims[0], (int)weight.Dims[1]);
        string? bias = null;
        if (node.Inputs.Count == 3 && node.Inputs[2].Length > 0)
        {
            if (beta != 1f || !IsVector(node.Inputs[2], columns, constants))
            {
                return null;
            }

            bias = node.Inputs[2];
        }

        return new QuantizableNode(index, node, weight, rows, columns, transB == 1, bias, null, node.Outputs[0]);
    }

    /// <summary>
    /// Folds the Add of a constant [N] vector that is the only consumer of the product (as ORT's fusion does), unless
    /// the product itself is observable: a graph output or a name a subgraph uses.
    /// </summary>
    private static QuantizableNode FoldBias(
        QuantizableNode candidate, OnnxModelFile model, Dictionary<string, OnnxTensor> constants, Dictionary<string, List<int>> consumers, HashSet<string> graphOutputs)
    {
        var product = candidate.Output;
        if (graphOutputs.Contains(product) || model.SubgraphNames.Contains(product) ||
            !consumers.TryGetValue(product, out var users) || users.Count != 1)
        {
            return candidate;
        }

        var add = model.Nodes[users[0]];
        if (!add.IsStandard("Add") || add.Inputs.Count != 2 || add.Outputs.Count != 1)
        {
            return candidate;
        }

        var other = add.Inputs[0] == product ? add.Inputs[1] : add.Inputs[0];
        return IsVector(other, candidate.Columns, constants)
            ? candidate with { Bias = other, FoldedAddIndex = users[0], Output = add.Outputs[0] }
            : candidate;
    }

    private static OnnxTensor? Matrix(string name, Dictionary<string, OnnxTensor> constants) =>
        constants.TryGetValue(name, out var tensor) && tensor.Dims.Count == 2 &&
        tensor.Dims.All(d => d is > 0 and <= int.MaxValue)
            ? tensor
            : null;

    private static bool IsVector(string name, int length, Dictionary<string, OnnxTensor> constants) =>
        constants.TryGetValue(name, out var tensor) && tensor.Dims.Count == 1 && tensor.Dims[0] == length;
}
