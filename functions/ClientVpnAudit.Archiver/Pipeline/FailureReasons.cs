using System.Net;
using Amazon.Runtime;
using ClientVpnAudit.Archiver.Ec2;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>Turns what went wrong with an endpoint into one line an operator can act on.</summary>
internal static class FailureReasons
{
    public static string Describe(Exception exception) => exception switch
    {
        AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError } service =>
            $"retries exhausted: {service.ErrorCode} ({(int)service.StatusCode}): {service.Message}",
        AmazonServiceException { ErrorCode: "RequestLimitExceeded" or "ThrottlingException" or "ProvisionedThroughputExceededException" } service =>
            $"retries exhausted: {service.ErrorCode}: {service.Message}",
        AmazonServiceException service => $"{service.ErrorCode}: {service.Message}",
        RepeatedPageTokenException or TimeBudgetExceededException => exception.Message,
        OperationCanceledException => "time budget reached while a request was under way",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };
}
