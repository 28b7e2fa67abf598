namespace ClinicDirectory.Core.Domain;

/// <summary>Needling and related techniques a clinic or practitioner offers.</summary>
public enum Technique
{
    DryNeedling,
    IntramuscularStimulation,
    FunctionalDryNeedling,
    Acupuncture,
    ManualTherapy,
    ExerciseTherapy,
}
