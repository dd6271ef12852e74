using System.Text.Json.Nodes;
using ClientVpnAudit.Archiver.Work;

namespace ClientVpnAudit.Archiver.Tests.Handlers;

/// <summary>SQS events as Lambda's event source mapping delivers them, around work items.</summary>
internal static class SqsEvents
{
    public static MemoryStream Of(params (string MessageId, string Body)[] messages) =>
        new(System.Text.Encoding.UTF8.GetBytes(new JsonObject
        {
            ["Records"] = new JsonArray(messages.Select(message => (JsonNode)new JsonObject
            {
                ["messageId"] = message.MessageId,
                ["receiptHandle"] = "handle-" + message.MessageId,
                ["body"] = message.Body,
                ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
                ["eventSource"] = "aws:sqs",
            }).ToArray()),
        }.ToJsonString()));

    public static MemoryStream Of(params EndpointWork[] work) =>
        Of(work.Select(item => (MessageId: item.ClientVpnEndpointId, Body: WorkMessages.Serialize(item))).ToArray());

    /// <summary>The ids in a partial batch response.</summary>
    public static IReadOnlyList<string> FailedIds(Stream response) =>
        JsonNode.Parse(response)!["batchItemFailures"]!.AsArray().Select(failure => failure!["itemIdentifier"]!.GetValue<string>()).ToArray();
}
