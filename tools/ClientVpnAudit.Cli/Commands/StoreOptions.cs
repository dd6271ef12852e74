using System.CommandLine;
using ClientVpnAudit.Cli.Store;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>The options that choose the archive: --data-dir (embedded, the default), --dynamodb-url, or --aws; and --table.</summary>
internal sealed class StoreOptions
{
    private readonly Option<string> _dataDirectory = new("--data-dir")
    {
        Description = "Folder of the embedded local DynamoDB (dynalite), kept between runs",
        DefaultValueFactory = _ => "./" + StoreSelection.DefaultDataDirectory,
        HelpName = "dir",
    };

    private readonly Option<string?> _endpointTable = new("--endpoint-table")
    {
        Description = $"The endpoint-state table (default: the sessions table's name + {StoreSelection.EndpointTableSuffix}; "
            + "with --aws, the stack's EndpointTableName output)",
        HelpName = "name",
    };

    private readonly Option<string?> _table = new("--table")
    {
        Description = $"The sessions table (default: {StoreSelection.DefaultTableName}; required with --aws)",
        HelpName = "name",
    };

    private readonly Option<string?> _dynamoDbUrl = new("--dynamodb-url")
    {
        Description = "Use any DynamoDB-compatible endpoint instead of the embedded store (credentials test/test and region "
            + "us-east-1 unless AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and AWS_REGION say otherwise)",
        HelpName = "url",
    };

    private readonly Option<bool> _aws = new("--aws")
    {
        Description = "Use real AWS (default credential chain and region) for every service not given an explicit URL",
    };

    private readonly bool _includeRemote;

    /// <param name="includeRemote">False for commands that only make sense with the embedded store.</param>
    public StoreOptions(bool includeRemote = true) => _includeRemote = includeRemote;

    public Option<bool> Aws => _aws;

    public void AddTo(Command command)
    {
        command.Options.Add(_dataDirectory);
        command.Options.Add(_table);
        command.Options.Add(_endpointTable);
        if (_includeRemote)
        {
            command.Options.Add(_dynamoDbUrl);
            command.Options.Add(_aws);
        }
    }

    /// <summary>With --aws the table has no default: the deployed name is a stack output.</summary>
    public static CliInputException AwsWithoutTable() => new("--aws needs --table NAME (the stack's TableName output)");

    public StoreSelection Read(ParseResult parsed)
    {
        var selection = ReadStore(parsed);
        var endpointTable = parsed.GetValue(_endpointTable);
        if (endpointTable is not null && string.IsNullOrWhiteSpace(endpointTable))
        {
            throw new CliInputException("--endpoint-table: the table name is empty");
        }

        return selection with
        {
            EndpointTableName = endpointTable?.Trim()
                ?? (selection.Kind == StoreKind.Aws ? null : selection.TableName + StoreSelection.EndpointTableSuffix),
        };
    }

    private StoreSelection ReadStore(ParseResult parsed)
    {
        var table = parsed.GetValue(_table);
        if (table is not null && string.IsNullOrWhiteSpace(table))
        {
            throw new CliInputException("--table: the table name is empty");
        }

        if (_includeRemote && parsed.GetValue(_dynamoDbUrl) is { } url)
        {
            return new StoreSelection
            {
                Kind = StoreKind.Url,
                TableName = table ?? StoreSelection.DefaultTableName,
                Url = ExplicitEndpointClients.ParseUrl(url, "--dynamodb-url"),
            };
        }

        if (_includeRemote && parsed.GetValue(_aws))
        {
            return new StoreSelection
            {
                Kind = StoreKind.Aws,
                TableName = table ?? throw AwsWithoutTable(),
            };
        }

        var dataDirectory = parsed.GetValue(_dataDirectory);
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            throw new CliInputException("--data-dir: the folder name is empty");
        }

        if (File.Exists(dataDirectory))
        {
            throw new CliInputException($"--data-dir: {dataDirectory} is a file, not a folder");
        }

        return new StoreSelection
        {
            Kind = StoreKind.Embedded,
            TableName = table ?? StoreSelection.DefaultTableName,
            DataDirectory = dataDirectory,
        };
    }
}
