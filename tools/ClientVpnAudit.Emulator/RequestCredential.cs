using Microsoft.AspNetCore.Http;

namespace ClientVpnAudit.Emulator;

/// <summary>
/// Who a request says it is, from its SigV4 credential scope: <c>Authorization: AWS4-HMAC-SHA256
/// Credential=AKID/20260302/eu-west-1/ec2/aws4_request, ...</c> (or a presigned <c>X-Amz-Credential</c>). The signature
/// itself is not checked: any secret works.
/// </summary>
internal sealed record RequestCredential(string AccessKeyId, string Region)
{
    private const string Marker = "Credential=";

    /// <summary>The access key id and region of the request's credential scope; null when it has none.</summary>
    public static RequestCredential? Read(HttpRequest request)
    {
        var scope = ScopeFromAuthorization(request.Headers.Authorization.ToString())
            ?? NullIfEmpty(request.Query["X-Amz-Credential"].ToString());
        // AKID/date/region/service/aws4_request
        var parts = scope?.Split('/');
        return parts is { Length: 5 } && parts[0].Length > 0 && parts[2].Length > 0
            ? new RequestCredential(parts[0], parts[2])
            : null;
    }

    private static string? ScopeFromAuthorization(string authorization)
    {
        var at = authorization.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var rest = authorization[(at + Marker.Length)..];
        var end = rest.IndexOfAny([',', ' ']);
        return end < 0 ? rest : rest[..end];
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
