using ClipAudit.Errors;
using ClipAudit.Tools.Onnx;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Models.Quantization;

/// <summary>The protobuf reader and the model writer: byte-exact round trips, wire-format details, and bad files.</summary>
public sealed class OnnxModelFileTests
{
    [Theory]
    [InlineData("vision_model.onnx")]
    [InlineData("text_model.onnx")]
    public void Write_UnchangedTinyAModel_IsByteIdentical(string file)
    {
        var path = Path.Combine(QuantizationTestModels.TinyADirectory, "onnx", file);
        var model = OnnxModelFile.Read(path);
        using var output = new MemoryStream();

        var written = OnnxModelWriter.Write(model, OnnxGraphEdit.Unchanged(model), output);

        Assert.Equal(new FileInfo(path).Length, written);
        Assert.Equal(File.ReadAllBytes(path), output.ToArray());
    }

    [Fact]
    public void Read_TinyAVision_SeesTheGraphPythonOnnxSees()
    {
        // Counts from Debian python3-onnx 1.12: len(graph.node), len(graph.initializer), opset_import, graph I/O names.
        var model = OnnxModelFile.Read(Path.Combine(QuantizationTestModels.TinyADirectory, "onnx", "vision_model.onnx"));

        Assert.Equal(206, model.Nodes.Count);
        Assert.Equal(13, model.Nodes.Count(n => n.IsStandard("MatMul")));
        Assert.Equal(32, model.Initializers.Count);
        Assert.Equal([""], model.OpsetDomains);
        Assert.Equal(["pixel_values"], model.InputNames);
        Assert.Equal(["image_embeds"], model.OutputNames);
        var qkv = model.Nodes.Single(n => n.Name == "/blocks.0/attn/qkv/MatMul");
        Assert.Equal(["/blocks.0/norm1/Add_1_output_0", "onnx::MatMul_260"], qkv.Inputs);
        Assert.Equal([64L, 192L], model.Initializers.Single(t => t.Name == "onnx::MatMul_260").Dims);
    }

    [Fact]
    public void Fields_HandEncodedMessage_ReadsEveryWireType()
    {
        // 08 96 01 and 12 07 "testing" are the protobuf encoding guide's examples (field 1 = 150, field 2 = "testing").
        byte[] message =
        [
            0x08, 0x96, 0x01,
            0x12, 0x07, (byte)'t', (byte)'e', (byte)'s', (byte)'t', (byte)'i', (byte)'n', (byte)'g',
            0x1D, 0x00, 0x00, 0xC0, 0x3F, // field 3, fixed32: 1.5f
            0x21, 0x01, 0, 0, 0, 0, 0, 0, 0x80, // field 4, fixed64
        ];

        var fields = ProtoReader.Fields(message);

        Assert.Equal([1, 2, 3, 4], fields.Select(f => f.Number));
        Assert.Equal(150L, fields[0].Int64);
        Assert.Equal("testing", fields[1].Text("test"));
        Assert.Equal(1.5f, fields[2].Float32);
        Assert.Equal(0x8000000000000001UL, fields[3].Scalar);
        Assert.Equal(message, fields.SelectMany(f => f.Encoded.ToArray()));
    }

    [Fact]
    public void ReadFloats_PackedAndUnpackedFloatData_EqualRawData()
    {
        var raw = OnnxModelFile.Parse(QuantizationTestModels.MatMulAdd(), "raw");
        var packed = OnnxModelFile.Parse(QuantizationTestModels.WithFloatData(QuantizationTestModels.MatMulAdd(), packed: true), "packed");
        var unpacked = OnnxModelFile.Parse(QuantizationTestModels.WithFloatData(QuantizationTestModels.MatMulAdd(), packed: false), "unpacked");

        Assert.Null(packed.Initializers[0].RawData);
        Assert.Equal(QuantizationTestModels.Weights(), raw.Initializers[0].ReadFloats());
        Assert.Equal(raw.Initializers[0].ReadFloats(), packed.Initializers[0].ReadFloats());
        Assert.Equal(raw.Initializers[0].ReadFloats(), unpacked.Initializers[0].ReadFloats());
        Assert.Equal(raw.Initializers[1].ReadFloats(), unpacked.Initializers[1].ReadFloats());
    }

    public static TheoryData<string, byte[]> BadFiles => new()
    {
        { "text", "this is not an ONNX model\n"u8.ToArray() },
        { "empty", [] },
        { "random", RandomBytes() },
        { "truncated", File.ReadAllBytes(Path.Combine(QuantizationTestModels.TinyADirectory, "onnx", "vision_model.onnx"))[..5000] },
        { "json", "{\"architectures\": [\"CLIPModel\"]}"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Read_NotAnOnnxModel_ThrowsNamingTheFile(string kind, byte[] content)
    {
        using var folder = TempModelFolder.Create().Bytes($"{kind}.onnx", content);
        var path = Path.Combine(folder.Path, $"{kind}.onnx");

        var error = Assert.Throws<InvalidModelException>(() => OnnxModelFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains($"'{path}' is not a readable ONNX model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExternalDataModel_ThrowsNotSupportedNamingTheFile()
    {
        using var folder = TempModelFolder.Create().Bytes("external.onnx", QuantizationTestModels.WithExternalWeight(QuantizationTestModels.MatMulAdd()));
        var path = Path.Combine(folder.Path, "external.onnx");

        var error = Assert.Throws<InvalidModelException>(() => OnnxModelFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("external-data models are not supported yet", error.Message, StringComparison.Ordinal);
        Assert.Contains("'W'", error.Message, StringComparison.Ordinal);
    }

    private static byte[] RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(12345).NextBytes(bytes);
        return bytes;
    }
}
