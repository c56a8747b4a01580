"""The thin Qt shell: screens, one DeviceBridge, one TaskRunner."""
