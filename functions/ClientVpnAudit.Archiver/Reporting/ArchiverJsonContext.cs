using System.Text.Json.Serialization;
using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Work;

namespace ClientVpnAudit.Archiver.Reporting;

/// <summary>Source-generated JSON for everything the function reads and writes: no reflection at run time.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(ScheduledEvent))]
[JsonSerializable(typeof(EndpointWork))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
internal sealed partial class ArchiverJsonContext : JsonSerializerContext;
