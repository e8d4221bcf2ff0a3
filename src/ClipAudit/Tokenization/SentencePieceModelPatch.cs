namespace ClipAudit.Tokenization;

/// <summary>
/// Overrides fields of a serialized <c>ModelProto</c> by appending a message: protobuf merges a repeated embedded
/// message field into the earlier one and the last scalar wins, which is how HF's tokenizers patch a loaded model
/// (<c>model.normalizer_spec.MergeFrom(...)</c>).
/// </summary>
internal static class SentencePieceModelPatch
{
    private const int TrainerSpecField = 2;
    private const int NormalizerSpecField = 3;
    private const int AddDummyPrefixField = 3;
    private const int BosIdField = 41;

    /// <summary>The model with <c>normalizer_spec.add_dummy_prefix</c> set.</summary>
    public static byte[] WithAddDummyPrefix(byte[] model, bool addDummyPrefix) =>
        Append(model, NormalizerSpecField, Varint(AddDummyPrefixField, addDummyPrefix ? 1u : 0u));

    /// <summary>The model with <c>trainer_spec.bos_id</c> set (Microsoft.ML.Tokenizers cannot read -1).</summary>
    public static byte[] WithBosId(byte[] model, int bosId) =>
        Append(model, TrainerSpecField, Varint(BosIdField, unchecked((ulong)(long)bosId)));

    private static byte[] Append(byte[] model, int field, byte[] message)
    {
        using var output = new MemoryStream(model.Length + message.Length + 8);
        output.Write(model);
        WriteVarint(output, ((ulong)field << 3) | 2);
        WriteVarint(output, (ulong)message.Length);
        output.Write(message);
        return output.ToArray();
    }

    private static byte[] Varint(int field, ulong value)
    {
        using var output = new MemoryStream();
        WriteVarint(output, (ulong)field << 3);
        WriteVarint(output, value);
        return output.ToArray();
    }

    private static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }
}
