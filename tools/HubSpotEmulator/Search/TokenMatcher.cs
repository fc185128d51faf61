namespace HubSpotEmulator.Search;

/// <summary>
/// CONTAINS_TOKEN: a value is split into words (whitespace) and word parts (any non-alphanumeric character);
/// the token must equal one of them, ignoring case. A token with <c>*</c> is a wildcard pattern matched
/// against the whole value and against each word, e.g. <c>*@hubspot.com</c>.
/// </summary>
internal static class TokenMatcher
{
    public static bool Matches(string value, string token)
    {
        var words = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (token.Contains('*', StringComparison.Ordinal))
        {
            return Wildcard(value, token) || words.Any(w => Wildcard(w, token));
        }

        return string.Equals(value, token, StringComparison.OrdinalIgnoreCase)
            || words.Any(w => string.Equals(w, token, StringComparison.OrdinalIgnoreCase)
                || AlphanumericParts(w).Any(part => string.Equals(part, token, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool Wildcard(string text, string pattern)
    {
        int t = 0, p = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static List<string> AlphanumericParts(string word)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= word.Length; i++)
        {
            if (i == word.Length || !char.IsLetterOrDigit(word[i]))
            {
                if (i > start)
                {
                    parts.Add(word[start..i]);
                }

                start = i + 1;
            }
        }

        return parts;
    }
}
