using System.Text.Json.Serialization;
using ClientVpnAudit.Archiver.Pipeline;

namespace ClientVpnAudit.Archiver.Reporting;

/// <summary>Source-generated JSON for everything the function reads and writes: no reflection at run time.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(ScheduledEvent))]
internal sealed partial class ArchiverJsonContext : JsonSerializerContext;
