using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.KMS;

namespace ClientVpnAudit.Infra.Constructs;

/// <summary>How the stack's tables are encrypted at rest: the same key for the sessions and the endpoint state.</summary>
public sealed class TableEncryptionProps
{
    /// <summary>A customer-managed key; null keeps DynamoDB's default AWS-owned key.</summary>
    public required IKey? EncryptionKey { get; init; }

    public TableEncryption Encryption => EncryptionKey is null ? TableEncryption.DEFAULT : TableEncryption.CUSTOMER_MANAGED;
}
