using System.Globalization;
using ClipAudit.Errors;

namespace ClipAudit.Datasets;

/// <summary>
/// UTKFace: labels live in file names, <c>[age]_[gender]_[race]_[date&amp;time].jpg</c> (age 0–116; gender 0 male,
/// 1 female; race 0 White, 1 Black, 2 Asian, 3 Indian, 4 Others). The aligned-and-cropped release appends
/// <c>.chip.jpg</c>, which is accepted. Files are found recursively under the root (the in-the-wild release is split into
/// part1..part3); the id is the path relative to the root. Images whose names do not parse are skipped as <c>bad-name</c>.
/// Attributes: <c>age</c> (years), <c>age_bin</c> (FairFace group), <c>gender</c> (Male/Female), <c>race</c>.
/// </summary>
public sealed class UtkFaceReader : IDatasetReader
{
    private const int MaxAge = 116;
    private static readonly string[] Genders = ["Male", "Female"];
    private static readonly string[] Races = ["White", "Black", "Asian", "Indian", "Others"];
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png"];

    private readonly string _root;

    private UtkFaceReader(string root) => _root = root;

    public string Kind => "utkface";

    /// <summary>A reader for a folder of UTKFace images.</summary>
    public static UtkFaceReader Create(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        return new UtkFaceReader(Path.GetFullPath(root));
    }

    public DatasetManifest Read(DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Split is not null || options.Padding is not null)
        {
            throw new InvalidConfigException(
                $"UTKFace ('{_root}') has no splits or padding variants; remove 'split' / 'padding' from the dataset options.", _root);
        }

        var root = DatasetRoot.Open(_root, "UTKFace");
        var candidates = new List<SampleCandidate>();
        var skipped = new List<SkippedSample>();
        var files = root.RelativeFiles(ImageExtensions);
        foreach (var relative in files)
        {
            var fileName = Path.GetFileName(relative);
            if (TryParse(fileName, out var attributes, out var problem))
            {
                candidates.Add(new SampleCandidate(relative, relative, 0, attributes));
            }
            else
            {
                skipped.Add(new SkippedSample(relative, relative, 0, SkipReasons.BadName,
                    $"'{relative}': {problem}; expected [age]_[gender]_[race]_[date&time].jpg"));
            }
        }

        if (candidates.Count == 0 && skipped.Count == 0)
        {
            throw new InvalidConfigException(
                $"UTKFace folder '{root.FullPath}' contains no .jpg/.png images. Point it at the folder holding the UTKFace images.", root.FullPath);
        }

        return ManifestBuilder.Build("utkface", root.FullPath, root, candidates, skipped, options);
    }

    /// <summary>Parses a UTKFace file name into attributes, or says what is wrong with it.</summary>
    internal static bool TryParse(string fileName, out IReadOnlyDictionary<string, string> attributes, out string? problem)
    {
        attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = null;
        var parts = fileName.Split('_');
        int age = 0, gender = 0, race = 0;
        if (parts.Length != 4)
        {
            problem = $"expected 4 parts separated by '_', found {parts.Length}";
        }
        else if (!TryCode(parts[0], MaxAge, out age))
        {
            problem = $"age '{parts[0]}' is not a whole number from 0 to {MaxAge}";
        }
        else if (!TryCode(parts[1], Genders.Length - 1, out gender))
        {
            problem = $"gender '{parts[1]}' is not 0 or 1";
        }
        else if (!TryCode(parts[2], Races.Length - 1, out race))
        {
            problem = $"race '{parts[2]}' is not a whole number from 0 to {Races.Length - 1}";
        }
        else if (parts[3].Length == 0 || !char.IsAsciiDigit(parts[3][0]))
        {
            problem = $"date '{parts[3]}' does not start with a digit";
        }

        if (problem is not null)
        {
            return false;
        }

        attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["age"] = age.ToString(CultureInfo.InvariantCulture),
            ["age_bin"] = AgeBins.ToFairFace(age),
            ["gender"] = Genders[gender],
            ["race"] = Races[race],
        };
        return true;
    }

    // Digits only (no sign, spaces or exponent), at most 3 of them, and not above max.
    private static bool TryCode(string text, int max, out int value)
    {
        value = -1;
        return text.Length is > 0 and <= 3 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max;
    }
}
