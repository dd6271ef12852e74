namespace ClientVpnAudit.LocalDynamoDb;

/// <summary>The local DynamoDB could not be started. The message is one line meant for a person.</summary>
public sealed class LocalDynamoDbException(string message, Exception? innerException = null)
    : Exception(message, innerException);
