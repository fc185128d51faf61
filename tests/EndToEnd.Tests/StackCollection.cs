namespace HubSpotCrm.EndToEnd.Tests;

/// <summary>Tests that share one running stack with HubSpot-like emulator defaults. They use unique data, never reset it.</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<ServiceStack>
{
    public const string Name = "stack";
}
