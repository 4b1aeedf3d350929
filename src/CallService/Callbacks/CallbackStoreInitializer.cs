using Microsoft.Extensions.Hosting;

namespace CallService.Callbacks;

/// <summary>
/// Initialises the registered <see cref="ICallbackStore"/> when the host starts (hosted services start
/// before the web server, so no request finds it closed). The container disposes the store at the end.
/// </summary>
internal sealed class CallbackStoreInitializer(ICallbackStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
