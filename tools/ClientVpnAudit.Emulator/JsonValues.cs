using System.Text.Json;

namespace ClientVpnAudit.Emulator;

internal static class JsonValues
{
    /// <summary>
    /// A scalar as the text EC2 would put in the XML element: strings as they are, numbers and booleans as written,
    /// null for JSON null; objects and arrays have no scalar form.
    /// </summary>
    public static string? AsRawString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static bool IsScalar(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;
}
