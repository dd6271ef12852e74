using System.CommandLine;
using ClientVpnAudit.Cli.Doctor;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Store;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>
/// `doctor`: can the archiver list the endpoints and write the table, and is the archive fresh? One line per check;
/// exit code 1 when a check failed. It only looks: nothing is created or written.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliOutput io, TimeProvider clock)
    {
        var aws = new Option<bool>("--aws")
        {
            Description = "Check the deployed system: EC2 and DynamoDB in real AWS (default credential chain and region)",
        };
        var ec2Url = new Option<string?>("--ec2-url")
        {
            Description = "Check this EC2 endpoint instead, e.g. the URL `cvpn-audit emulator` prints (with --dynamodb-url)",
            HelpName = "url",
        };
        var dynamoDbUrl = new Option<string?>("--dynamodb-url")
        {
            Description = "Check the table at this DynamoDB-compatible endpoint instead, e.g. the URL `cvpn-audit dynamodb` prints (with --ec2-url)",
            HelpName = "url",
        };
        var table = new Option<string?>("--table")
        {
            Description = $"The sessions table (default: {StoreSelection.DefaultTableName}; required with --aws: the stack's TableName output)",
            HelpName = "name",
        };

        var command = new Command("doctor", "Check that the archiver can list the Client VPN endpoints and connections and write the "
            + "sessions table, and that the archive is fresh: one line per check, exit code 1 if one failed; nothing is written");
        command.Options.Add(aws);
        command.Options.Add(ec2Url);
        command.Options.Add(dynamoDbUrl);
        var endpointTable = new Option<string?>("--endpoint-table")
        {
            Description = $"The endpoint-state table (default: the sessions table's name + {StoreSelection.EndpointTableSuffix} at a URL; "
                + "with --aws, the stack's EndpointTableName output): freshness then comes from each endpoint's last complete listing",
            HelpName = "name",
        };
        var workQueue = new Option<string?>("--work-queue")
        {
            Description = "The planner's work queue URL (the stack's WorkQueueUrl output): also check how much work waits and that its "
                + "dead-letter queue is empty",
            HelpName = "url",
        };
        command.Options.Add(table);
        command.Options.Add(endpointTable);
        command.Options.Add(workQueue);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var target = ReadTarget(parsed.GetValue(aws), parsed.GetValue(ec2Url), parsed.GetValue(dynamoDbUrl), parsed.GetValue(table));
            if (parsed.GetValue(endpointTable) is { } named)
            {
                target = target with
                {
                    EndpointTableName = string.IsNullOrWhiteSpace(named) ? throw new CliInputException("--endpoint-table: the table name is empty") : named.Trim(),
                };
            }

            if (parsed.GetValue(workQueue) is { } queueUrl)
            {
                target = target with { WorkQueueUrl = ExplicitEndpointClients.ParseUrl(queueUrl, "--work-queue") };
            }

            io.Notice($"checking {target.Describe()}");
            var lines = await DoctorChecks.RunAsync(target, clock, cancellationToken);
            foreach (var line in lines)
            {
                await io.Out.WriteLineAsync(line.ToString());
            }

            return lines.Any(line => line.Outcome == CheckOutcome.Failed) ? ExitCodes.RunFailed : ExitCodes.Success;
        });
        return command;
    }

    private static DoctorTarget ReadTarget(bool aws, string? ec2Url, string? dynamoDbUrl, string? table)
    {
        if (table is not null && string.IsNullOrWhiteSpace(table))
        {
            throw new CliInputException("--table: the table name is empty");
        }

        if (aws)
        {
            if (ec2Url is not null || dynamoDbUrl is not null)
            {
                throw new CliInputException("doctor takes --aws or --ec2-url and --dynamodb-url, not both");
            }

            return new DoctorTarget { TableName = table ?? throw StoreOptions.AwsWithoutTable() };
        }

        return (ec2Url, dynamoDbUrl) switch
        {
            ({ } ec2, { } dynamoDb) => new DoctorTarget
            {
                TableName = table ?? StoreSelection.DefaultTableName,
                EndpointTableName = (table ?? StoreSelection.DefaultTableName) + StoreSelection.EndpointTableSuffix,
                Ec2Url = ExplicitEndpointClients.ParseUrl(ec2, "--ec2-url"),
                DynamoDbUrl = ExplicitEndpointClients.ParseUrl(dynamoDb, "--dynamodb-url"),
            },
            (null, null) => throw new CliInputException("doctor needs --aws, or --ec2-url URL and --dynamodb-url URL"),
            (null, _) => throw new CliInputException("--dynamodb-url needs --ec2-url URL too (or use --aws)"),
            _ => throw new CliInputException("--ec2-url needs --dynamodb-url URL too (or use --aws)"),
        };
    }
}
