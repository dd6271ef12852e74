namespace ClientVpnAudit.Archiver.Ec2;

/// <summary>The paging rule shared by every listing: stop on a null or empty token, fail on a token seen before.</summary>
public static class PageTokens
{
    /// <returns>The token to ask for next, or null when the listing is complete.</returns>
    /// <exception cref="RepeatedPageTokenException">The service returned a token it had returned before.</exception>
    public static string? Next(string? token, HashSet<string> seen, string listing)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        if (!seen.Add(token))
        {
            throw new RepeatedPageTokenException($"{listing} returned the same NextToken twice; stopped paging to avoid an endless loop");
        }

        return token;
    }
}

public sealed class RepeatedPageTokenException(string message) : Exception(message);
