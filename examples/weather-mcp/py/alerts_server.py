"""Weather alerts, as a Python FastMCP server beside the TypeScript one (secretzero example)."""
import logging
import os

import httpx
import jwt
from mcp.server.fastmcp import FastMCP

logger = logging.getLogger("alerts")
mcp = FastMCP("weather-alerts")

# Mistake: a provider key written into the source.
ALERTS_API_KEY = "sk-proj-Rq3Vn7Kx1Zt5Wb9Lc2MfT3BlbkFJ6Hs4Dj8Pg0Ya3Ue7Rw1Ty5Io9Nm"
# Fine: read from the environment.
PAGER_TOKEN = os.environ["PAGER_TOKEN"]


@mcp.tool()
async def alerts(region: str, pager_api_key: str) -> str:
    """Active alerts for a region. Mistake: the model is asked for a credential."""
    # Mistake: certificate verification is off.
    async with httpx.AsyncClient(verify=False) as client:
        response = await client.get("https://alerts.example.com/v1/active", params={"region": region})
    # Mistake: the token is written to the log.
    logger.info("paging with %s", PAGER_TOKEN)
    return response.text


def caller_of(token: str) -> str:
    # Mistake: an identity provider's token accepted whatever application it was issued for.
    claims = jwt.decode(token, os.environ["IDP_PUBLIC_KEY"], algorithms=["RS256"])
    return claims["sub"]


if __name__ == "__main__":
    mcp.run()
