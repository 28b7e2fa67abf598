namespace ClinicDirectory.Api.Hosting;

/// <summary>Reports on the thread that reports, in order (Progress&lt;T&gt; posts to the thread pool): the commands' progress lines.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
