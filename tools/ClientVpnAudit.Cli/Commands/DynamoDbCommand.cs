using System.CommandLine;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Store;
using ClientVpnAudit.LocalDynamoDb;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>`dynamodb`: serve the embedded archive as a DynamoDB endpoint until Ctrl-C, for the AWS CLI and other tools.</summary>
internal static class DynamoDbCommand
{
    public const int DefaultPort = 8000;

    public static Command Create(CliOutput io)
    {
        var store = new StoreOptions(includeRemote: false);
        var port = PortOption.Create($"Port on 127.0.0.1 (default {DefaultPort}; 0 picks a free one)", DefaultPort);

        var command = new Command("dynamodb", "Serve the embedded archive as a DynamoDB endpoint on 127.0.0.1 until Ctrl-C, "
            + "for aws dynamodb query --endpoint-url and other DynamoDB tools");
        store.AddTo(command);
        command.Options.Add(port);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var selection = store.Read(parsed);
            await using var dynalite = await DynaliteServer.StartAsync(new DynaliteOptions
            {
                DataDirectory = selection.DataDirectory,
                Port = parsed.GetValue(port),
                Progress = io.Notice,
            }, cancellationToken);
            using (var dynamoDb = ExplicitEndpointClients.DynamoDb(dynalite.Url))
            {
                await StoreOpener.EnsureTablesAsync(dynamoDb, selection, cancellationToken);
            }

            await Serving.AnnounceAndWaitAsync(io, $"{selection.Describe()} as DynamoDB", dynalite.Url,
                $"aws dynamodb describe-table --endpoint-url {dynalite.Url} --table-name {selection.TableName}", cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
