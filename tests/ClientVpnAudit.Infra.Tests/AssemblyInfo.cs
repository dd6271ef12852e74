// jsii drives one node process per test host and is not thread-safe: test classes must run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
