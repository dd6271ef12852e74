using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace ClientVpnAudit.Testing;

/// <summary>
/// Sits between an SDK DynamoDB client and the real local server (given to the client through its HttpClientFactory):
/// records every request, and on demand reshapes traffic the way DynamoDB may at scale. Nothing is answered in the
/// server's place except an injected error: paging comes from the server itself (a Limit added to the request), and
/// unprocessed keys are keys the server was never asked for.
/// </summary>
public sealed class DynamoDbInterceptor : DelegatingHandler
{
    private const string JsonMediaType = "application/x-amz-json-1.0";

    private readonly ConcurrentQueue<(string Operation, JsonObject Body)> _requests = new();
    private int _failuresLeft;
    private string? _failingOperation;
    private int _unprocessedRoundsLeft;

    public DynamoDbInterceptor()
        : base(new HttpClientHandler())
    {
    }

    /// <summary>Every request so far: the operation (Query, UpdateItem, ...) and its JSON body.</summary>
    public IReadOnlyList<(string Operation, JsonObject Body)> Requests => _requests.ToArray();

    /// <summary>When set, every Query and Scan asks the server for at most this many items, so results come in pages.</summary>
    public int? PageSize { get; set; }

    /// <summary>The next <paramref name="count"/> requests of this operation answer 500 InternalServerError.</summary>
    public void FailNext(string operation, int count)
    {
        _failingOperation = operation;
        Volatile.Write(ref _failuresLeft, count);
    }

    /// <summary>The next <paramref name="rounds"/> BatchGetItem requests of several keys get only half of them read; the rest come back unprocessed.</summary>
    public void LeaveKeysUnprocessed(int rounds) => Volatile.Write(ref _unprocessedRoundsLeft, rounds);

    public HttpClientFactory Factory => new InterceptingFactory(this);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Headers.TryGetValues("X-Amz-Target", out var targets) ? targets.First().Split('.').Last() : "";
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        _requests.Enqueue((operation, (JsonObject)body.DeepClone()));

        if (operation == _failingOperation && Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return Json(HttpStatusCode.InternalServerError,
                new JsonObject { ["__type"] = "com.amazonaws.dynamodb.v20120810#InternalServerError", ["message"] = "injected failure" });
        }

        if (operation is "Query" or "Scan" && PageSize is { } pageSize)
        {
            body["Limit"] = pageSize;
            return await ForwardAsync(request, body, cancellationToken);
        }

        if (operation == "BatchGetItem" && Interlocked.Decrement(ref _unprocessedRoundsLeft) >= 0)
        {
            return await WithHalfTheKeysUnprocessedAsync(request, body, cancellationToken);
        }

        return await ForwardAsync(request, body, cancellationToken);
    }

    private async Task<HttpResponseMessage> WithHalfTheKeysUnprocessedAsync(HttpRequestMessage request, JsonObject body, CancellationToken cancellationToken)
    {
        var unprocessed = new JsonObject();
        foreach (var (table, keysAndAttributes) in body["RequestItems"]!.AsObject())
        {
            var keys = keysAndAttributes!["Keys"]!.AsArray();
            if (keys.Count < 2)
            {
                continue;
            }

            var left = (JsonObject)keysAndAttributes.DeepClone();
            var leftKeys = new JsonArray();
            var processed = (keys.Count + 1) / 2;
            while (keys.Count > processed)
            {
                var key = keys[^1]!;
                keys.RemoveAt(keys.Count - 1);
                leftKeys.Insert(0, key);
            }

            left["Keys"] = leftKeys;
            unprocessed[table] = left;
        }

        var response = await ForwardAsync(request, body, cancellationToken);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        answer["UnprocessedKeys"] = unprocessed;
        return Json(response.StatusCode, answer);
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpRequestMessage request, JsonObject body, CancellationToken cancellationToken)
    {
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, JsonMediaType);
        request.Content.Headers.ContentType!.CharSet = null;
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>A rewritten answer carries no x-amz-crc32: the SDK would check the server's checksum against the new body.</summary>
    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) => new(status)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, JsonMediaType),
    };

    private sealed class InterceptingFactory(DynamoDbInterceptor interceptor) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(interceptor, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
