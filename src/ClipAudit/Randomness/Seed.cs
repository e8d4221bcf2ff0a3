using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClipAudit.Randomness;

/// <summary>
/// The seed of an audit's randomness (bootstrap, dataset sample, probe split, subgroup halves, permutation draws,
/// gallery draws): a whole number from 0 to <see cref="MaxValue"/>. One type from the config to results.json, so a
/// seed read once is passed, recorded and printed as the same number everywhere. The range is the one every
/// consumer can take without conversion: the SplitMix64 / Xoshiro256** generators (as an unsigned 64-bit state) and
/// ML.NET's <c>MLContext(int seed)</c>.
/// </summary>
[JsonConverter(typeof(SeedJsonConverter))]
public readonly record struct Seed
{
    /// <summary>The largest seed (<see cref="int.MaxValue"/>).</summary>
    public const int MaxValue = int.MaxValue;

    /// <summary>A seed; throws <see cref="ArgumentOutOfRangeException"/> for a negative value.</summary>
    public Seed(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Value = value;
    }

    /// <summary>The seed as configured (0 to <see cref="MaxValue"/>).</summary>
    public int Value { get; }

    /// <summary>The generators' starting state (the same number, widened).</summary>
    public ulong ToUInt64() => (ulong)Value;

    /// <summary>
    /// The one parser of seed text, used by the YAML reader and the command line: digits only (an optional '+'),
    /// no decimals, exponents or spaces inside. <paramref name="problem"/> says what was wrong when it returns false.
    /// </summary>
    public static bool TryParse(string? text, out Seed seed, out string problem)
    {
        seed = default;
        var trimmed = text?.Trim() ?? "";
        if (!BigInteger.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            problem = $"'{text}' is not a whole number; a seed is a whole number from 0 to {MaxValue}";
            return false;
        }

        if (number.Sign < 0)
        {
            problem = $"'{text}' is negative; a seed is a whole number from 0 to {MaxValue}";
            return false;
        }

        if (number > MaxValue)
        {
            problem = $"'{text}' is larger than {MaxValue}, the largest seed";
            return false;
        }

        seed = new Seed((int)number);
        problem = "";
        return true;
    }

    /// <summary><see cref="TryParse"/>, throwing <see cref="FormatException"/> with its message.</summary>
    public static Seed Parse(string text) =>
        TryParse(text, out var seed, out var problem) ? seed : throw new FormatException(problem + ".");

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A seed is written as its plain number, as results.json always held it; reading accepts only a valid seed.</summary>
internal sealed class SeedJsonConverter : JsonConverter<Seed>
{
    public override Seed Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value) || value < 0 || value > Seed.MaxValue)
        {
            throw new JsonException($"A seed must be a whole number from 0 to {Seed.MaxValue}.");
        }

        return new Seed((int)value);
    }

    public override void Write(Utf8JsonWriter writer, Seed value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
}
