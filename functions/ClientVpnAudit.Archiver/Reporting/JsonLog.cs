using System.Text;
using System.Text.Json;

namespace ClientVpnAudit.Archiver.Reporting;

/// <summary>
/// Structured logs: one JSON object per line. Usernames and client IPs are audit data and never go into these lines.
/// Thread-safe; a null writer discards everything.
/// </summary>
public sealed class JsonLog(TextWriter? output)
{
    public static readonly JsonLog Discard = new(null);

    private readonly Lock _gate = new();

    public void Info(string message, params (string Name, object? Value)[] fields) => Write("INFO", message, fields);

    public void Warn(string message, params (string Name, object? Value)[] fields) => Write("WARN", message, fields);

    public void Error(string message, params (string Name, object? Value)[] fields) => Write("ERROR", message, fields);

    /// <summary>Writes a line whose body another writer produces (the run summary, an EMF document).</summary>
    public void WriteRaw(Action<Utf8JsonWriter> writeObject)
    {
        if (output is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writeObject(writer);
        }

        var line = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private void Write(string level, string message, (string Name, object? Value)[] fields) => WriteRaw(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("O"));
        writer.WriteString("level", level);
        writer.WriteString("message", message);
        foreach (var (name, value) in fields)
        {
            WriteField(writer, name, value);
        }

        writer.WriteEndObject();
    });

    private static void WriteField(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull(name);
                break;
            case bool flag:
                writer.WriteBoolean(name, flag);
                break;
            case int or long or double:
                writer.WriteNumber(name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteString(name, value.ToString());
                break;
        }
    }
}
