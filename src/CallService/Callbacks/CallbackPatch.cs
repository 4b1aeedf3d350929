namespace CallService.Callbacks;

/// <summary>The body of PATCH /api/callbacks/{id}: <c>{"status": "done", "result": "talked; visits Saturday"}</c>.</summary>
/// <param name="Status">The new status: pending, done, failed or cancelled ("calling" only through POST .../call).</param>
/// <param name="Result">Optional note kept as LastResult (at most <see cref="CallbackEndpoints.MaxResultLength"/> characters).</param>
public sealed record CallbackPatch(string? Status, string? Result = null);

/// <summary>The optional body of POST /api/callbacks/{id}/call: <c>{"agentId": "alice"}</c>.</summary>
/// <param name="AgentId">The agent who places the call; default the request's own agent.</param>
public sealed record CallbackCallRequest(string? AgentId);
