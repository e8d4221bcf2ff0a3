using ClipAudit.Errors;

namespace ClipAudit.Datasets;

/// <summary>
/// <see cref="ManifestBuilder"/>'s steps over candidates that arrive sorted by id (<see cref="CandidateRuns"/>) and
/// samples kept on disk (<see cref="SpilledSamples"/>), so no step holds every sample: repeated ids are adjacent (the
/// first row kept, the others recorded as skipped), filters are checked against the values of a first pass, paths are
/// resolved and checked one sample at a time, and the seeded sample is drawn by position. The manifest, its hash and
/// its skipped rows are the ones <see cref="ManifestBuilder.Build(string, string, DatasetRoot, IReadOnlyList{SampleCandidate}, IEnumerable{SkippedSample}, DatasetOptions)"/>
/// gives for the same candidates.
/// </summary>
internal static class SpilledManifestBuilder
{
    public static DatasetManifest Build(
        string name,
        string source,
        DatasetRoot imageRoot,
        CandidateRuns candidates,
        IEnumerable<SkippedSample> readerSkipped,
        DatasetOptions options,
        string folder)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        if (options.SampleSize is < 0)
        {
            throw new InvalidConfigException($"Dataset '{name}': sample size must be zero or more, got {options.SampleSize}.", source);
        }

        var skipped = new List<SkippedSample>(readerSkipped);
        var matches = Matcher(name, source, candidates, options);
        SpilledSamples samples;
        using (var writer = new SpilledSamples.Writer(Path.Combine(folder, "samples.bin")))
        {
            foreach (var candidate in Unique(source, candidates.Merged(), skipped))
            {
                if (!matches(candidate))
                {
                    continue;
                }

                var resolved = imageRoot.Resolve(candidate.PathAsWritten);
                if (resolved.IsOk)
                {
                    writer.Add(new Sample(candidate.Id, resolved.FullPath!, candidate.Attributes, candidate.Row));
                }
                else
                {
                    skipped.Add(new SkippedSample(candidate.Id, candidate.PathAsWritten, candidate.Row, resolved.Reason!,
                        $"{ManifestBuilder.Where(source, candidate.Row)}: {resolved.Detail}"));
                }
            }

            samples = writer.Complete();
        }

        candidates.Delete(); // about as many bytes again as the samples file: not needed once it is written
        if (options.SampleSize is { } size && size < samples.Count)
        {
            var chosen = SeededSampler.ChoosePositions(samples.Count, size, options.Seed);
            using var writer = new SpilledSamples.Writer(Path.Combine(folder, "chosen.bin"));
            var position = 0;
            foreach (var sample in samples)
            {
                if (chosen.Contains(position++))
                {
                    writer.Add(sample);
                }
            }

            samples = writer.Complete();
        }

        return DatasetManifest.InIdOrder(name, imageRoot.FullPath, samples, skipped.OrderBy(s => s.Row));
    }

    /// <summary>The filter, checked (as <see cref="ManifestBuilder"/> checks it) against a first pass over the unique candidates.</summary>
    private static Func<SampleCandidate, bool> Matcher(string name, string source, CandidateRuns candidates, DatasetOptions options)
    {
        var filters = ManifestBuilder.Filters(options);
        if (filters.Count == 0)
        {
            return _ => true;
        }

        var values = filters.Select(f => f.Key).Distinct(StringComparer.Ordinal).ToDictionary(a => a, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var any = false;
        foreach (var candidate in Unique(source, candidates.Merged(), skipped: null))
        {
            any = true;
            names.UnionWith(candidate.Attributes.Keys);
            foreach (var (attribute, seen) in values)
            {
                if (candidate.Attributes.TryGetValue(attribute, out var value))
                {
                    seen.Add(value);
                }
            }
        }

        return ManifestBuilder.Matcher(name, source, options, any, a => values[a], () => names);
    }

    /// <summary>The first (lowest-row) candidate of each id; the others recorded in <paramref name="skipped"/> when given.</summary>
    private static IEnumerable<SampleCandidate> Unique(string source, IEnumerable<SampleCandidate> sorted, List<SkippedSample>? skipped)
    {
        SampleCandidate? kept = null;
        foreach (var candidate in sorted)
        {
            if (kept is not null && string.Equals(kept.Id, candidate.Id, StringComparison.Ordinal))
            {
                skipped?.Add(ManifestBuilder.Duplicate(source, candidate, kept.Row));
                continue;
            }

            kept = candidate;
            yield return candidate;
        }
    }
}
