namespace ClinicDirectory.Core.Domain;

/// <summary>What a jurisdiction says of a profession and dry needling.</summary>
public enum JurisdictionRuleKind
{
    /// <summary>The profession may not perform dry needling there.</summary>
    NotPermitted,
    /// <summary>The profession needs the regulator's authorization or roster there.</summary>
    AuthorizationRequired,
}

/// <summary>Where a rule comes from: the page and its publisher.</summary>
public sealed class RuleSource
{
    public string Publisher { get; set; } = "";
    public string Title { get; set; } = "";
    public string Url { get; set; } = "";
}

/// <summary>One jurisdiction's rule for dry needling by some professions, with its source and the day it was read.</summary>
public sealed class JurisdictionRule
{
    public string Id { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2, as clinics' addresses give it.</summary>
    public string Country { get; set; } = "";
    /// <summary>Province or state code, as clinics' addresses give it.</summary>
    public string Region { get; set; } = "";
    public string RegionName { get; set; } = "";
    public List<Profession> Professions { get; set; } = [];
    public JurisdictionRuleKind Kind { get; set; }
    /// <summary>Who sets the rule: the regulator, or "state law".</summary>
    public string Authority { get; set; } = "";
    /// <summary>For AUTHORIZATION_REQUIRED: what the practitioner needs.</summary>
    public string Requirement { get; set; } = "";
    public RuleSource Source { get; set; } = new();
    public DateOnly CheckedOn { get; set; }
    public string? Note { get; set; }
}
