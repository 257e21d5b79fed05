"""Party-branch incubation (一领双孵化)."""
