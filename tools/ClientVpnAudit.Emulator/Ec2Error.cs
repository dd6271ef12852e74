using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace ClientVpnAudit.Emulator;

/// <summary>An EC2 error: HTTP status, error code and message, served in the EC2 <c>&lt;Response&gt;&lt;Errors&gt;</c> envelope.</summary>
internal sealed record Ec2Error(int Status, string Code, string Message)
{
    public static Ec2Error InvalidAction(string action) =>
        new(400, "InvalidAction", $"The action {action} is not valid for this web service.");

    public static Ec2Error MissingParameter(string name) =>
        new(400, "MissingParameter", $"The request must contain the parameter {name}");

    public static Ec2Error InvalidParameterValue(string message) => new(400, "InvalidParameterValue", message);

    public static Ec2Error MaxResultsOutOfRange(string value) =>
        InvalidParameterValue($"Value ( {value} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");

    public static Ec2Error InvalidNextToken(string token) =>
        InvalidParameterValue($"The value ( {token} ) for parameter nextToken is invalid.");

    public static Ec2Error InvalidFilter(string name) =>
        InvalidParameterValue($"The filter '{name}' is invalid");

    public static Ec2Error EndpointNotFound(string endpointId) =>
        new(400, "InvalidClientVpnEndpointId.NotFound", $"Endpoint {endpointId} does not exist");

    /// <summary>What EC2 answers to an access key it does not know (here: an account the served poll does not hold).</summary>
    public static Ec2Error AuthFailure() =>
        new(401, "AuthFailure", "AWS was not able to validate the provided access credentials");

    public static Ec2Error Unauthorized() =>
        new(403, "UnauthorizedOperation", "You are not authorized to perform this operation.");

    public static Ec2Error DryRun() =>
        new(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");

    public static Ec2Error Throttled() => new(503, "RequestLimitExceeded", "Request limit exceeded.");

    public static Ec2Error Internal() =>
        new(500, "InternalError", "An internal error has occurred");

    public async Task WriteAsync(HttpResponse response, string requestId, CancellationToken cancellationToken)
    {
        var body = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true };
        using (var xml = XmlWriter.Create(body, settings))
        {
            xml.WriteStartElement("Response");
            xml.WriteStartElement("Errors");
            xml.WriteStartElement("Error");
            xml.WriteElementString("Code", Code);
            xml.WriteElementString("Message", Message);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteElementString("RequestID", requestId);
            xml.WriteEndElement();
        }
        response.StatusCode = Status;
        response.ContentType = "text/xml;charset=UTF-8";
        await response.WriteAsync(Ec2XmlWriter.Declaration + body, Encoding.UTF8, cancellationToken);
    }
}

/// <summary>Thrown while handling a request to answer with an EC2 error.</summary>
internal sealed class Ec2ErrorException(Ec2Error error) : Exception(error.Message)
{
    public Ec2Error Error { get; } = error;
}
