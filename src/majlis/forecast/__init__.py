"""Forecasts: Monte Carlo from vote estimates to seats to coalition majorities."""
