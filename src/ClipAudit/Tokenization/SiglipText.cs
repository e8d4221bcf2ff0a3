using System.Text;

namespace ClipAudit.Tokenization;

/// <summary>The text rules of transformers' <c>SiglipTokenizer</c> and open_clip's <c>canonicalize_text</c>, in Python's semantics.</summary>
internal static class SiglipText
{
    /// <summary>Python's <c>string.punctuation</c>.</summary>
    public const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>
    /// HF <c>SiglipTokenizer.canonicalize_text</c>: punctuation removed, <c>re.sub(r"\s+", " ")</c> (the standard
    /// <c>re</c>, whose <c>\s</c> is <c>str.isspace</c>), <c>strip()</c>. No lower-casing here.
    /// </summary>
    public static string CanonicalizeHuggingFace(string text) =>
        PythonText.Strip(CollapseSpaces(RemovePunctuation(text)));

    /// <summary>
    /// open_clip's <c>canonicalize_text(basic_clean(text))</c>: ftfy, HTML unescaped twice and stripped, then
    /// <c>_</c> to space, punctuation removed, <c>lower()</c> on the whole string, whitespace collapsed and stripped.
    /// </summary>
    public static string CanonicalizeOpenClip(string text)
    {
        var basic = PythonText.Strip(PythonHtml.Unescape(PythonHtml.Unescape(FtfyText.FixText(text))));
        var lowered = PythonText.Lower(RemovePunctuation(basic.Replace('_', ' ')));
        return PythonText.Strip(CollapseSpaces(lowered));
    }

    /// <summary>Python <c>str.lower()</c> applied to each code point on its own (so a final 'Σ' becomes 'σ'), as HF's per-match regex does.</summary>
    public static string LowerEachCharacter(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var codePoint in PythonText.CodePoints(text))
        {
            builder.Append(PythonText.Lower(char.ConvertFromUtf32(codePoint)));
        }

        return builder.ToString();
    }

    /// <summary>Python <c>str.lstrip()</c>.</summary>
    public static string StripStart(string text)
    {
        var start = 0;
        while (start < text.Length && PythonText.IsSpace(text[start]))
        {
            start++;
        }

        return text[start..];
    }

    /// <summary>Python <c>str.rstrip()</c>.</summary>
    public static string StripEnd(string text)
    {
        var end = text.Length;
        while (end > 0 && PythonText.IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }

    private static string RemovePunctuation(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (!Punctuation.Contains(ch, StringComparison.Ordinal))
            {
                builder.Append(ch);
            }
        }

        return builder.ToString();
    }

    // Every Python whitespace code point is in the BMP, so testing UTF-16 units is exact.
    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inSpace = false;
        foreach (var ch in text)
        {
            if (PythonText.IsSpace(ch))
            {
                if (!inSpace)
                {
                    builder.Append(' ');
                }

                inSpace = true;
            }
            else
            {
                builder.Append(ch);
                inSpace = false;
            }
        }

        return builder.ToString();
    }
}
