using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ClientVpnAudit.Emulator;

/// <summary>
/// The opaque NextToken: which list (scope), where the next page starts, and which served snapshot it belongs to.
/// A token from an earlier snapshot is refused, so a client that pages across <see cref="Ec2Emulator.Serve(SnapshotPoll)"/> notices.
/// </summary>
internal sealed record PageToken(long Generation, int Offset, int EmptyPagesServed, string Scope)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"v1|{Generation}|{Offset}|{EmptyPagesServed}|{Scope}")));

    public static PageToken? TryDecode(string token)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = text.Split('|', 5);
        if (parts.Length != 5 || parts[0] != "v1"
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var empties))
        {
            return null;
        }
        return new PageToken(generation, offset, empties, parts[4]);
    }
}
