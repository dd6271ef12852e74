using System.Text.Encodings.Web;
using System.Text.Json;
using ClientVpnAudit.Cli.Queries;

namespace ClientVpnAudit.Cli.Output;

/// <summary>
/// Sessions as one JSON array of objects: every exported attribute, in contract order, null where absent; numbers as
/// numbers, EndObserved as a boolean, PostureComplianceStatuses as an array; times as stored.
/// </summary>
internal static class SessionJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Plain text for people and tools, not for embedding in HTML: keep "+" and non-ASCII names readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task WriteAsync(IEnumerable<ArchivedSession> sessions, TextWriter output, CancellationToken cancellationToken) =>
        WriteRowsAsync(sessions.Select(session => session.Exported), output, cancellationToken);

    /// <summary>Any rows of named values (sessions, endpoint states) the same way.</summary>
    public static async Task WriteRowsAsync(IEnumerable<IEnumerable<KeyValuePair<string, object?>>> rows, TextWriter output,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                foreach (var (name, value) in row)
                {
                    WriteValue(json, name, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        await output.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).AsMemory(), cancellationToken);
        await output.WriteLineAsync();
        await output.FlushAsync(cancellationToken);
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case string text:
                json.WriteString(name, text);
                break;
            case long number:
                json.WriteNumber(name, number);
                break;
            case decimal number:
                json.WriteNumber(name, number);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            case IEnumerable<string> list:
                json.WriteStartArray(name);
                foreach (var entry in list)
                {
                    json.WriteStringValue(entry);
                }

                json.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"{name} has a value of unexpected type {value.GetType().Name}");
        }
    }
}
