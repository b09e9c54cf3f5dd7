"""Every write of complaint handling: intake, the lifecycle, and the settings behind them."""
