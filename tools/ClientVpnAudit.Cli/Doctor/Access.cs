namespace ClientVpnAudit.Cli.Doctor;

/// <summary>
/// The first check: its line, and why EC2 or DynamoDB cannot be asked anything (null when they can), which the later
/// checks print as their ? instead of asking.
/// </summary>
internal sealed record Access(CheckLine Line, string? Ec2Blocked, string? DynamoDbBlocked);
