using System.Text.Json;

namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>Reads the JSON that `sessions --output json` and `export --format json` write.</summary>
internal static class SessionsJson
{
    public static IReadOnlyList<JsonElement> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        return document.RootElement.EnumerateArray().Select(session => session.Clone()).ToList();
    }

    public static IReadOnlyList<string> ConnectionIds(string json) =>
        Parse(json).Select(session => session.GetProperty("ConnectionId").GetString()!).ToList();
}
