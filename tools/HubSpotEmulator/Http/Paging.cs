namespace HubSpotEmulator.Http;

internal sealed record Paging(PagingNext Next);

internal sealed record PagingNext(string After);
