namespace HubSpotCrm.Api.OpenApi.Schemas;

/// <summary>Marks body objects whose further members become HubSpot properties of the same name.</summary>
public interface IAcceptsHubSpotProperties;
