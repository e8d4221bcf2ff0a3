namespace ClipAudit.Tokenization;

/// <summary>One piece of text between added tokens, or one added token.</summary>
internal readonly record struct TextSegment(string Text, AddedToken? Token);

/// <summary>
/// Splits text at the tokens a HF tokenizer matches before its model (transformers' <c>Trie.split</c>: leftmost
/// match, the longest one where several start at the same place), then applies their <c>lstrip</c>/<c>rstrip</c>
/// to the neighbouring text as <c>PreTrainedTokenizer.tokenize</c> does.
/// </summary>
internal sealed class AddedTokenSplitter(IReadOnlyList<AddedToken> tokens)
{
    private readonly AddedToken[] _longestFirst =
        [.. tokens.Where(t => t.Content.Length > 0).OrderByDescending(t => t.Content.Length)];

    public IReadOnlyList<AddedToken> Tokens => _longestFirst;

    public List<TextSegment> Split(string text)
    {
        var segments = new List<TextSegment>();
        var start = 0;
        var position = 0;
        while (position < text.Length)
        {
            var match = _longestFirst.FirstOrDefault(t => string.CompareOrdinal(text, position, t.Content, 0, t.Content.Length) == 0);
            if (match is null)
            {
                position++;
                continue;
            }

            if (position > start)
            {
                segments.Add(new TextSegment(text[start..position], null));
            }

            segments.Add(new TextSegment(match.Content, match));
            position += match.Content.Length;
            start = position;
        }

        if (start < text.Length)
        {
            segments.Add(new TextSegment(text[start..], null));
        }

        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Token is not { } token)
            {
                continue;
            }

            if (token.RightStrip && i + 1 < segments.Count && segments[i + 1].Token is null)
            {
                segments[i + 1] = segments[i + 1] with { Text = SiglipText.StripStart(segments[i + 1].Text) };
            }

            if (token.LeftStrip && i > 0 && segments[i - 1].Token is null)
            {
                segments[i - 1] = segments[i - 1] with { Text = SiglipText.StripEnd(segments[i - 1].Text) };
            }
        }

        return segments;
    }
}
