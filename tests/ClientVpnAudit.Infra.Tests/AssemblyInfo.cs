// jsii drives one node process per test host and is not thread-safe: test classes must run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Every test here synthesizes a CDK app, which runs jsii on Node.
[assembly: AssemblyTrait(ClientVpnAudit.Testing.TestCategory.Name, ClientVpnAudit.Testing.TestCategory.Integration)]
