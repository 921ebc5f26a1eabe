"""What the doctor checks: lab results, weighings, pregnancy tests, medicines, appointments and questions."""
