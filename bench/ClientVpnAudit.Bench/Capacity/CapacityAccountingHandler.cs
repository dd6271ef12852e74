using System.Net;
using System.Text.Json;

namespace ClientVpnAudit.Bench.Capacity;

/// <summary>
/// Sees every DynamoDB request and response body and prices it by <see cref="CapacityRules"/>, because dynalite reports
/// only a total per request, no index writes, and nothing for a failed conditional write.
/// <para>
/// An UpdateItem is sent with ReturnValues ALL_OLD (the pollers ask for none), so the response carries the item as it
/// was; applying the request's UpdateExpression to it gives the item as it is. The old image is cut out of the response
/// again (and the body's CRC header with it), so the SDK sees what DynamoDB would have answered. A failed condition is
/// charged for the item the write would have written. Reads are priced from the items returned.
/// </para>
/// <para>
/// The handler runs inside the measured process, so it keeps its own cost small (JsonDocument, byte splicing) and
/// measures what is left: the bytes it allocates and the CPU it uses are reported apart and taken off the poller's.
/// </para>
/// </summary>
internal sealed class CapacityAccountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const string TargetPrefix = "DynamoDB_20120810.";
    private static readonly byte[] AllOld = "\"ReturnValues\":\"ALL_OLD\","u8.ToArray();

    private static readonly HashSet<string> UnpricedWrites = new(StringComparer.Ordinal)
    {
        "PutItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement",
    };

    public CapacityTally Tally { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = Operation(request);
        Tally.AddRequest(operation);
        if (UnpricedWrites.Contains(operation))
        {
            throw new NotSupportedException($"the bench does not price {operation}; only UpdateItem writes are expected");
        }

        return operation switch
        {
            "UpdateItem" => await UpdateItemAsync(request, cancellationToken),
            "BatchGetItem" => await ReadAsync(request, cancellationToken, PriceBatchGet),
            "Query" or "Scan" => await ReadAsync(request, cancellationToken, PricePage),
            _ => await base.SendAsync(request, cancellationToken),
        };
    }

    private async Task<HttpResponseMessage> UpdateItemAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBytes = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var overhead = Overhead.Start(requestBytes.Length);
        using var body = JsonDocument.Parse(requestBytes);
        var root = body.RootElement;
        if (root.TryGetProperty("ReturnValues", out var returnValues) && returnValues.GetString() != "NONE")
        {
            throw new NotSupportedException($"the bench prices UpdateItem only without ReturnValues, got {returnValues.GetString()}");
        }

        request.Content = WithBody(request.Content, Splice(requestBytes, requestBytes.AsSpan().IndexOf((byte)'{') + 1, 0, AllOld));
        Tally.AddOverhead(overhead.Stop());

        var response = await base.SendAsync(request, cancellationToken);
        var responseBytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        overhead = Overhead.Start(responseBytes.Length);
        using (var answer = JsonDocument.Parse(responseBytes))
        {
            AddStoreReported(answer.RootElement);
            var key = Items.FromObject(root.GetProperty("Key"));
            var expression = root.GetProperty("UpdateExpression").GetString()!;
            var names = root.TryGetProperty("ExpressionAttributeNames", out var n) ? n : default;
            var values = root.TryGetProperty("ExpressionAttributeValues", out var v) ? v : default;
            if (response.IsSuccessStatusCode)
            {
                var before = answer.RootElement.TryGetProperty("Attributes", out var old) ? Items.FromObject(old) : null;
                var after = UpdateExpressionEvaluator.Apply(before ?? key, expression, names, values);
                Tally.AddWrite(CapacityRules.Write(before, after), conditionFailed: false);
                if (before is not null)
                {
                    response.Content = WithBody(response.Content, WithoutProperty(responseBytes, "Attributes"u8));
                    response.Headers.Remove("x-amz-crc32");
                }
            }
            else if (response.StatusCode == HttpStatusCode.BadRequest && IsConditionalCheckFailure(answer.RootElement))
            {
                var asWritten = UpdateExpressionEvaluator.Apply(key, expression, names, values);
                Tally.AddWrite(CapacityRules.FailedConditionalWrite(asWritten), conditionFailed: true);
            }
        }

        Tally.AddOverhead(overhead.Stop());
        return response;
    }

    /// <summary>Reading a body buffers it: the handler below and the SDK read the very same bytes again.</summary>
    private async Task<HttpResponseMessage> ReadAsync(HttpRequestMessage request, CancellationToken cancellationToken,
        Func<JsonElement, JsonElement, double> price)
    {
        var requestBytes = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        var responseBytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var overhead = Overhead.Start(requestBytes.Length + responseBytes.Length);
        if (response.IsSuccessStatusCode)
        {
            using var body = JsonDocument.Parse(requestBytes);
            using var answer = JsonDocument.Parse(responseBytes);
            Tally.AddRead(price(body.RootElement, answer.RootElement), ItemsRead(answer.RootElement));
            AddStoreReported(answer.RootElement);
        }

        Tally.AddOverhead(overhead.Stop());
        return response;
    }

    /// <summary>The items the store read to answer: ScannedCount of a Query or Scan page, the items a BatchGetItem returned.</summary>
    private static int ItemsRead(JsonElement response)
    {
        if (response.TryGetProperty("ScannedCount", out var scanned))
        {
            return scanned.GetInt32();
        }

        return response.TryGetProperty("Responses", out var responses)
            ? responses.EnumerateObject().Sum(table => table.Value.GetArrayLength())
            : 0;
    }

    /// <summary>0.5 RRU per started 4 KB of each item returned, and the minimum for each processed key with no item.</summary>
    private static double PriceBatchGet(JsonElement request, JsonElement response)
    {
        var units = 0.0;
        foreach (var table in request.GetProperty("RequestItems").EnumerateObject())
        {
            var requested = table.Value.GetProperty("Keys").GetArrayLength();
            var unprocessed = response.TryGetProperty("UnprocessedKeys", out var left) && left.TryGetProperty(table.Name, out var keys)
                ? keys.GetProperty("Keys").GetArrayLength()
                : 0;
            var found = 0;
            if (response.TryGetProperty("Responses", out var responses) && responses.TryGetProperty(table.Name, out var items))
            {
                foreach (var item in items.EnumerateArray())
                {
                    units += CapacityRules.ItemRead(item);
                    found++;
                }
            }

            units += Math.Max(0, requested - unprocessed - found) * CapacityRules.EventuallyConsistentReadUnit;
        }

        return units;
    }

    /// <summary>A Query or Scan page (of the table or an index); a filter would read more than it returns, so none is priced.</summary>
    private static double PricePage(JsonElement request, JsonElement response)
    {
        if (request.TryGetProperty("FilterExpression", out _) || request.TryGetProperty("ScanFilter", out _) || request.TryGetProperty("QueryFilter", out _))
        {
            throw new NotSupportedException("the bench prices Query and Scan only without a filter");
        }

        var consistent = request.TryGetProperty("ConsistentRead", out var flag) && flag.ValueKind == JsonValueKind.True;
        return CapacityRules.PageRead(response.TryGetProperty("Items", out var items) ? items.EnumerateArray() : [], consistent);
    }

    private void AddStoreReported(JsonElement answer)
    {
        if (!answer.TryGetProperty("ConsumedCapacity", out var consumed))
        {
            return;
        }

        foreach (var entry in consumed.ValueKind == JsonValueKind.Array ? consumed.EnumerateArray().ToArray() : [consumed])
        {
            if (entry.TryGetProperty("CapacityUnits", out var units))
            {
                Tally.AddStoreReported(units.GetDouble());
            }
        }
    }

    private static bool IsConditionalCheckFailure(JsonElement answer) =>
        answer.TryGetProperty("__type", out var type) && (type.GetString() ?? "").EndsWith("ConditionalCheckFailedException", StringComparison.Ordinal);

    private static string Operation(HttpRequestMessage request) =>
        request.Headers.TryGetValues("X-Amz-Target", out var targets) && targets.FirstOrDefault() is { } target
            ? target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target
            : "unknown";

    /// <summary>The body without one top-level property (and the comma that joined it to its neighbour).</summary>
    private static byte[] WithoutProperty(byte[] json, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var start = (int)reader.TokenStartIndex;
            var found = reader.ValueTextEquals(name);
            reader.Read();
            reader.Skip();
            var end = (int)reader.BytesConsumed;
            if (!found)
            {
                continue;
            }

            var after = end;
            while (after < json.Length && json[after] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            {
                after++;
            }

            if (after < json.Length && json[after] == (byte)',')
            {
                return Splice(json, start, after + 1 - start, []);
            }

            var before = start - 1;
            while (before > 0 && json[before] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            {
                before--;
            }

            return json[before] == (byte)','
                ? Splice(json, before, end - before, [])
                : Splice(json, start, end - start, []);
        }

        return json;
    }

    private static byte[] Splice(byte[] bytes, int at, int remove, ReadOnlySpan<byte> insert)
    {
        var result = new byte[bytes.Length - remove + insert.Length];
        bytes.AsSpan(0, at).CopyTo(result);
        insert.CopyTo(result.AsSpan(at));
        bytes.AsSpan(at + remove).CopyTo(result.AsSpan(at + insert.Length));
        return result;
    }

    /// <summary>The same headers (Content-Type above all), a new body.</summary>
    private static ByteArrayContent WithBody(HttpContent original, byte[] body)
    {
        var content = new ByteArrayContent(body);
        foreach (var header in original.Headers)
        {
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return content;
    }

    /// <summary>What a stretch of accounting on one thread allocated and the CPU it used, plus the copy buffering made.</summary>
    private readonly record struct Overhead(long StartBytes, TimeSpan StartCpu, int BufferedBytes)
    {
        public static Overhead Start(int bufferedBytes) =>
            new(GC.GetAllocatedBytesForCurrentThread(), ThreadCpu.Now(), bufferedBytes);

        public (long Bytes, TimeSpan Cpu) Stop() =>
            (GC.GetAllocatedBytesForCurrentThread() - StartBytes + BufferedBytes, ThreadCpu.Now() - StartCpu);
    }
}
