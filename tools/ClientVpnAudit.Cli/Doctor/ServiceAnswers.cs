using Amazon.Runtime;
using ClientVpnAudit.Cli.Store;

namespace ClientVpnAudit.Cli.Doctor;

/// <summary>
/// How doctor reads an error it got while asking: AWS refusing the credentials themselves is a failure (✗); any other
/// error means the question went unanswered (?), which is not.
/// </summary>
internal static class ServiceAnswers
{
    /// <summary>Error codes with which AWS refuses the credentials, whatever was asked.</summary>
    private static readonly HashSet<string> CredentialErrors = new(StringComparer.Ordinal)
    {
        "AuthFailure", "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException",
        "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken",
    };

    /// <summary>The ✗ line when AWS refused the credentials, else null.</summary>
    public static CheckLine? CredentialsRefused(Exception exception, string subject) =>
        exception is AmazonServiceException service && CredentialErrors.Contains(service.ErrorCode ?? "")
            ? CheckLine.Fail($"{subject}: AWS refused the credentials ({service.ErrorCode})",
                "use valid credentials: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run aws sso login")
            : null;

    /// <summary>The ? line for a question that went unanswered, or the ✗ line when AWS refused the credentials.</summary>
    /// <param name="operation">The API call that was asked, e.g. DescribeTimeToLive.</param>
    /// <param name="service">EC2 or DynamoDB.</param>
    public static CheckLine Unanswered(Exception exception, string subject, string operation, string service) =>
        CredentialsRefused(exception, subject) ?? CheckLine.Unknown($"{subject}: cannot tell: {WhyNot(exception, operation, service)}");

    private static string WhyNot(Exception exception, string operation, string service) => exception switch
    {
        AmazonServiceException { ErrorCode: "UnknownOperationException" or "InvalidAction" } =>
            $"this {service} does not support {operation}",
        AmazonServiceException answered when Unreachable.IsServiceAnswer(answered) =>
            $"{operation} answered {answered.ErrorCode}: {ErrorReport.OneLine(answered.Message)}",
        _ => $"{operation} got no answer: {Unreachable.Describe(exception, DoctorTarget.RequestTimeout, service)}",
    };
}
