using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>Reads the CSV that `sessions --output csv` and `export --format csv` write, and renders JSON sessions as cells.</summary>
internal static class SessionsCsv
{
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) Parse(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        var rows = new List<IReadOnlyList<string>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.Parser.Count).Select(i => reader.GetField(i) ?? "").ToList());
        }

        return (rows[0], rows.Skip(1).ToList());
    }

    /// <summary>What a CSV cell holds for a JSON value: empty for null, lists joined by ";", numbers and booleans as written.</summary>
    public static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(";", value.EnumerateArray().Select(entry => entry.GetString())),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}
