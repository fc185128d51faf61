// The end-to-end tests share one RabbitMQ node and some stop it: they run one collection at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
