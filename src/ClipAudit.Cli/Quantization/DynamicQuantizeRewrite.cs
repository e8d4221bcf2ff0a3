using System.Runtime.InteropServices;
using ClipAudit.Errors;
using ClipAudit.Tools.Onnx;

namespace ClipAudit.Cli.Quantization;

/// <summary>What a rewrite changed and what it left in float32.</summary>
internal sealed record RewriteCounts(int QuantizedMatMuls, int QuantizedGemms, int FoldedBiases, int MatMulsLeftFloat, int GemmsLeftFloat, int NodesLeftFloat);

internal sealed record RewriteResult(OnnxGraphEdit Edit, RewriteCounts Counts);

/// <summary>
/// The graph rewrite of onnxruntime's quantize_dynamic after its fusion: each quantisable MatMul/Gemm becomes a
/// <c>com.microsoft</c> DynamicQuantizeMatMul (A, W_int8, scale[N], zero_point[N] = 0, optional bias) in the
/// original node's place; folded Adds and weights nothing else uses are dropped; new initializers follow the kept
/// ones. Names follow the reference script (<c>{output}_q_W</c>, <c>_scale</c>, <c>_zp</c>, node <c>{name}_dq</c>).
/// </summary>
internal static class DynamicQuantizeRewrite
{
    public const string OpType = "DynamicQuantizeMatMul";
    public const string Domain = "com.microsoft";

    public static RewriteResult Apply(OnnxModelFile model, bool perTensor)
    {
        ArgumentNullException.ThrowIfNull(model);
        var candidates = QuantizableNodes.Find(model).ToDictionary(c => c.NodeIndex);
        var foldedAdds = candidates.Values.Where(c => c.FoldedAddIndex is not null).Select(c => c.FoldedAddIndex!.Value).ToHashSet();
        var names = new UniqueNames(model);

        var nodeFields = new List<ReadOnlyMemory<byte>>();
        var newInitializers = new List<ReadOnlyMemory<byte>>();
        var replacedWeights = new HashSet<string>(StringComparer.Ordinal);
        var used = new HashSet<string>(model.OutputNames.Concat(model.SubgraphNames), StringComparer.Ordinal);
        int matMuls = 0, gemms = 0, folded = 0, matMulsLeft = 0, gemmsLeft = 0, nodesLeft = 0;
        for (var i = 0; i < model.Nodes.Count; i++)
        {
            var node = model.Nodes[i];
            if (foldedAdds.Contains(i))
            {
                continue;
            }

            if (!candidates.TryGetValue(i, out var candidate))
            {
                nodeFields.Add(node.Field.Encoded);
                used.UnionWith(node.Inputs);
                nodesLeft++;
                matMulsLeft += node.IsStandard("MatMul") ? 1 : 0;
                gemmsLeft += node.IsStandard("Gemm") ? 1 : 0;
                continue;
            }

            var weights = Quantize(model.Path, candidate, perTensor);
            var stem = names.Claim(candidate.Node.Outputs[0] + "_q");
            var (w, scale, zeroPoint) = (names.Claim(stem + "_W"), names.Claim(stem + "_scale"), names.Claim(stem + "_zp"));
            newInitializers.Add(OnnxTensor.Encode(w, OnnxDataType.Int8, [weights.Rows, weights.Columns], MemoryMarshal.AsBytes(weights.Values.AsSpan())));
            newInitializers.Add(OnnxTensor.Encode(scale, OnnxDataType.Float, [weights.Columns], MemoryMarshal.AsBytes(weights.Scales.AsSpan())));
            newInitializers.Add(OnnxTensor.Encode(zeroPoint, OnnxDataType.Int8, [weights.Columns], new byte[weights.Columns]));

            List<string> inputs = [candidate.Node.Inputs[0], w, scale, zeroPoint];
            if (candidate.Bias is not null)
            {
                inputs.Add(candidate.Bias);
            }

            var nodeName = (candidate.Node.Name.Length > 0 ? candidate.Node.Name : stem) + "_dq";
            nodeFields.Add(OnnxNode.Encode(nodeName, OpType, Domain, inputs, [candidate.Output]));
            used.UnionWith(inputs);
            replacedWeights.Add(candidate.Weight.Name);
            matMuls += candidate.Node.OpType == "MatMul" ? 1 : 0;
            gemms += candidate.Node.OpType == "Gemm" ? 1 : 0;
            folded += candidate.FoldedAddIndex is null ? 0 : 1;
        }

        var initializers = model.Initializers
            .Where(t => !replacedWeights.Contains(t.Name) || used.Contains(t.Name))
            .Select(t => t.Field.Encoded)
            .Concat(newInitializers)
            .ToList();
        List<ReadOnlyMemory<byte>> opsets = candidates.Count > 0 && !model.OpsetDomains.Contains(Domain)
            ? [OnnxGraphEdit.OpsetImport(Domain, 1)]
            : [];
        return new RewriteResult(
            new OnnxGraphEdit(nodeFields, initializers, opsets),
            new RewriteCounts(matMuls, gemms, folded, matMulsLeft, gemmsLeft, nodesLeft));
    }

    private static Int8Weights Quantize(string path, QuantizableNode candidate, bool perTensor)
    {
        try
        {
            // Quantise from the file's buffer when the weights are raw little-endian floats already in [K,N] order.
            if (!candidate.TransposeWeight && candidate.Weight.TryViewRawFloats(out var view))
            {
                return SymmetricInt8.Quantize(view, candidate.Rows, candidate.Columns, perTensor);
            }

            var values = candidate.Weight.ReadFloats();
            if (candidate.TransposeWeight)
            {
                values = SymmetricInt8.Transpose(values, candidate.Columns, candidate.Rows);
            }

            return SymmetricInt8.Quantize(values, candidate.Rows, candidate.Columns, perTensor);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new InvalidModelException(
                $"ONNX model '{path}': cannot quantise the weights '{candidate.Weight.Name}' of node '{candidate.Node.Name}': {e.Message} " +
                "The file is damaged or was not exported correctly; re-export it.", path, inner: e);
        }
    }

    /// <summary>Names already in the graph, so new initializers never shadow an existing value.</summary>
    private sealed class UniqueNames
    {
        private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

        public UniqueNames(OnnxModelFile model)
        {
            _taken.UnionWith(model.Initializers.Select(t => t.Name));
            _taken.UnionWith(model.InputNames);
            _taken.UnionWith(model.OutputNames);
            _taken.UnionWith(model.SubgraphNames);
            foreach (var node in model.Nodes)
            {
                _taken.UnionWith(node.Inputs);
                _taken.UnionWith(node.Outputs);
            }
        }

        public string Claim(string wanted)
        {
            var name = wanted;
            for (var suffix = 1; !_taken.Add(name); suffix++)
            {
                name = $"{wanted}_{suffix}";
            }

            return name;
        }
    }
}
